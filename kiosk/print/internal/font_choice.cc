#include "kiosk/print/internal/font_choice.h"

#include <fontconfig/fontconfig.h>

namespace qms::print::internal {
namespace {

// A pattern asking for `family` (or any family when null) that covers
// Vietnamese.
FcPattern* VietnamesePattern(const char* family) {
  FcPattern* pattern = FcPatternCreate();
  if (family != nullptr) FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>(family));
  FcLangSet* langs = FcLangSetCreate();
  FcLangSetAdd(langs, reinterpret_cast<const FcChar8*>("vi"));
  FcPatternAddLangSet(pattern, FC_LANG, langs);
  FcLangSetDestroy(langs);
  return pattern;
}

bool Installed(const char* family) {
  FcPattern* pattern = VietnamesePattern(family);
  FcObjectSet* fields = FcObjectSetBuild(FC_FAMILY, nullptr);
  FcFontSet* fonts = FcFontList(nullptr, pattern, fields);
  const bool found = fonts != nullptr && fonts->nfont > 0;
  if (fonts != nullptr) FcFontSetDestroy(fonts);
  FcObjectSetDestroy(fields);
  FcPatternDestroy(pattern);
  return found;
}

// What fontconfig would substitute for a sans-serif face with Vietnamese.
std::string MatchedSans() {
  FcPattern* pattern = VietnamesePattern("Sans");
  FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result = FcResultNoMatch;
  FcPattern* match = FcFontMatch(nullptr, pattern, &result);
  std::string family = "Sans";
  FcChar8* name = nullptr;
  if (match != nullptr && FcPatternGetString(match, FC_FAMILY, 0, &name) == FcResultMatch) {
    family = reinterpret_cast<const char*>(name);
  }
  if (match != nullptr) FcPatternDestroy(match);
  FcPatternDestroy(pattern);
  return family;
}

std::string Choose() {
  for (const char* family : {"Noto Sans", "DejaVu Sans"}) {
    if (Installed(family)) return family;
  }
  return MatchedSans();
}

}  // namespace

const std::string& TicketFontFamily() {
  static const std::string family = Choose();
  return family;
}

}  // namespace qms::print::internal
