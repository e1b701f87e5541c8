/**
 * The report's charts as Vega-Lite specs, and their rendering to SVG in Node (no browser, no
 * network), so report.html is self-contained.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ChartSpec, Stat } from './types.ts';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/** One point of a line chart (e.g. a validation metric after an epoch). */
export interface SeriesPoint {
  series: string;
  x: number;
  y: number;
}

/** Lines over x, one per series (training curves). */
export function lineChart(title: string, points: SeriesPoint[], xTitle: string, yTitle: string): ChartSpec {
  const spec: TopLevelSpec = {
    $schema: SCHEMA, title, width: 420, height: 240, data: { values: points },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: xTitle },
      y: { field: 'y', type: 'quantitative', title: yTitle, scale: { zero: false } },
      color: { field: 'series', type: 'nominal', title: null },
    },
  };
  return { title, spec };
}

/** Bars of mean values with ± std error bars. */
export function barChart(title: string, bars: { label: string; stat: Stat }[], yTitle: string): ChartSpec {
  const values = bars.map((b) => ({ label: b.label, mean: b.stat.mean, low: b.stat.mean - b.stat.std, high: b.stat.mean + b.stat.std }));
  const x = { field: 'label', type: 'nominal' as const, title: null, sort: null, axis: { labelAngle: -30, labelLimit: 180 } };
  const spec: TopLevelSpec = {
    $schema: SCHEMA, title, width: Math.max(200, 60 * bars.length), height: 220, data: { values },
    layer: [
      { mark: 'bar', encoding: { x, y: { field: 'mean', type: 'quantitative', title: yTitle } } },
      { mark: { type: 'rule', color: 'black' }, encoding: { x, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } } },
    ],
  };
  return { title, spec };
}

/** A square heatmap of values per (row, column) label pair. */
export function heatmap(title: string, cells: { row: string; column: string; value: number }[], valueTitle: string): ChartSpec {
  const order = [...new Set(cells.map((c) => c.row))];
  const spec: TopLevelSpec = {
    $schema: SCHEMA, title, width: 26 * order.length, height: 26 * order.length, data: { values: cells },
    mark: 'rect',
    encoding: {
      x: { field: 'column', type: 'nominal', sort: order, title: null, axis: { labelAngle: -45 } },
      y: { field: 'row', type: 'nominal', sort: order, title: null },
      color: { field: 'value', type: 'quantitative', title: valueTitle, scale: { scheme: 'blues' } },
      tooltip: [{ field: 'row' }, { field: 'column' }, { field: 'value', format: '.3f' }],
    },
  };
  return { title, spec };
}

/** Renders a Vega-Lite spec to an SVG string (headless, in Node). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
