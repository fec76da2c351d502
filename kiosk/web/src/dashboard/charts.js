// The day's charts, per local hour, drawn with uPlot: arrivals and tickets
// served (bars side by side), and the wait of the tickets called in each
// hour (p50 and p90 lines, in minutes). The chart follows its box's width.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { html, useEffect, useRef } from '../common/ui.js';

const FONT = '15px "Noto Sans", "DejaVu Sans", sans-serif';
const AXIS = { stroke: '#44566a', font: FONT, grid: { stroke: '#e3e8ee', width: 1 }, ticks: { stroke: '#c9d3de' } };

function barSeries(label, colour, align) {
  return {
    label,
    stroke: colour,
    fill: colour,
    width: 0,
    paths: uPlot.paths.bars({ size: [0.38, 36], align, gap: 2 }),
    points: { show: false },
  };
}

function lineSeries(label, colour, dash) {
  return { label, stroke: colour, width: 3, dash, spanGaps: false, points: { show: true, size: 7, fill: colour } };
}

function options(kind, labels, width, height) {
  // One tick per hour of the data (the scale is widened by half an hour on
  // each side for the bars, so uPlot's own splits would fall between hours).
  const hourAxis = { ...AXIS, splits: (u) => u.data[0], values: (u, vals) => vals.map((v) => `${v}h`) };
  const base = {
    width,
    height,
    legend: { show: true, live: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: false, range: (u, min, max) => [min - 0.5, max + 0.5] }, y: { range: (u, min, max) => [0, Math.max(4, Math.ceil(max * 1.15))] } },
  };
  if (kind === 'arrivals') {
    return {
      ...base,
      axes: [hourAxis, { ...AXIS, values: (u, vals) => vals.map((v) => (Number.isInteger(v) ? String(v) : '')) }],
      series: [{ label: 'h' }, barSeries(labels[0], '#0a4d8c', -1), barSeries(labels[1], '#17612f', 1)],
    };
  }
  return {
    ...base,
    axes: [hourAxis, { ...AXIS, values: (u, vals) => vals.map((v) => (Number.isInteger(v) ? String(v) : '')) }],
    series: [{ label: 'h' }, lineSeries(labels[0], '#0a4d8c'), lineSeries(labels[1], '#b3261e', [8, 5])],
  };
}

// `data`: [hours, series1, series2]; `labels`: the two series' names.
export function HourChart({ kind, data, labels, height = 220, testid }) {
  const box = useRef(null);
  const plot = useRef(null);
  const dataRef = useRef(data);
  dataRef.current = data;

  useEffect(() => {
    const el = box.current;
    const width = Math.max(200, el.clientWidth);
    plot.current = new uPlot(options(kind, labels, width, height), dataRef.current, el);
    const observer = new ResizeObserver(() => {
      const w = Math.max(200, el.clientWidth);
      if (plot.current && Math.abs(plot.current.width - w) > 2) plot.current.setSize({ width: w, height });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      plot.current.destroy();
      plot.current = null;
    };
  }, [kind, labels.join('|'), height]);

  useEffect(() => {
    if (plot.current) plot.current.setData(data);
  }, [data]);

  return html`<div class="chart" ref=${box} data-testid=${testid}></div>`;
}
