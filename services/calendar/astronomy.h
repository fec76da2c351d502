// Astronomy for the Vietnamese lunar calendar: the instants of new moons and
// the Sun's apparent longitude. Pure functions of time; thread-safe.
//
// Time scales: "JDE" is a Julian day in Terrestrial Time (TT), the uniform
// time the theories are written in; "JD UT" is a Julian day in Universal
// Time, the civil time that time zones are offsets from. TT - UT = DeltaT.
//
// Sources of the formulas (public descriptions, written here from scratch):
// - New moons: J. Meeus, Astronomical Algorithms, 2nd ed., ch. 49 (mean phase
//   plus periodic and planetary corrections; error of a few seconds).
// - Sun: the Earth's heliocentric longitude from a truncated VSOP87 series
//   (Meeus, appendix III), plus the FK5 correction, nutation in longitude and
//   aberration; error well under a second of arc, i.e. a solar term is placed
//   within a few seconds of time.
// - DeltaT: the polynomial fits of Espenak and Meeus (NASA, 2006). Beyond
//   about 2030 DeltaT is a forecast; its uncertainty (a minute or two by 2200)
//   is the main source of error for far-future new moons.
#pragma once

namespace qms::deadline::astro {

// Julian day of 1970-01-01 00:00 UT.
constexpr double kUnixEpochJulianDay = 2440587.5;
// Mean length of a synodic month in days.
constexpr double kSynodicMonthDays = 29.530588861;

// TT - UT in seconds for a decimal year (e.g. 2025.5).
double DeltaTSeconds(double decimal_year);

// The instant (JDE, TT) of new moon number k; k = 0 is the new moon of
// 2000-01-06, k = -1 the one before.
double NewMoonJde(int k);

// The instant (JD UT) of new moon number k.
double NewMoonJdUt(int k);

// The Sun's apparent geocentric ecliptic longitude in degrees, in [0, 360),
// at the instant `jde` (TT).
double SunApparentLongitude(double jde);

// The Sun's apparent longitude at the instant `jd_ut` (UT); converts with DeltaT.
double SunApparentLongitudeAtUt(double jd_ut);

}  // namespace qms::deadline::astro
