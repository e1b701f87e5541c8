/**
 * Vega-Lite chart builders for the EDA report and their rendering to SVG in Node (Vega's headless
 * `renderer: 'none'` view; text is measured with @napi-rs/canvas when it loads, else estimated).
 */
import * as vega from 'vega';
import type { LoggerInterface } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { useCanvasTextMetrics } from './text-metrics.ts';

/** One row of a figure's data table. */
export type Row = object;

/** Fonts found on most systems (the report loads no web fonts). */
export const FONT = 'DejaVu Sans, Verdana, Arial, sans-serif';

/** Shared look: fonts, sizes and readable labels. */
const CONFIG = {
  font: FONT,
  title: { fontSize: 16, subtitleFontSize: 12, subtitleColor: '#555', anchor: 'start', offset: 12 },
  axis: { labelFontSize: 11, titleFontSize: 12, labelLimit: 420, titlePadding: 8 },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  header: { labelFontSize: 13, labelFontWeight: 'bold' },
  view: { stroke: null },
  bar: { color: '#4c78a8' },
} as const;

/** A y-axis title set horizontally above the axis, clear of long labels (whose widths Node only estimates). */
const TITLE_ABOVE_AXIS = { titleAngle: 0, titleAlign: 'right', titleBaseline: 'bottom', titleX: 0, titleY: -6 } as const;

/** A bar chart's data and wording. */
export interface BarChartOptions {
  title: string;
  subtitle?: string;
  values: Row[];
  /** The field with one bar (or group of bars) per value, and its axis title. */
  category: string;
  categoryTitle: string;
  /** The numeric field the bars show, and its axis title. */
  measure: string;
  measureTitle: string;
  /** d3 format of the measure's value labels (default ",d"). */
  measureFormat?: string;
  /** Categories down the y axis (for long labels such as titles). */
  horizontal?: boolean;
  /** Keep the rows' order instead of sorting them by the measure, largest first. */
  keepOrder?: boolean;
  /** Field splitting each category into side-by-side coloured bars. */
  color?: string;
  colorTitle?: string;
  /** Field splitting the chart into small multiples, `columns` per row. */
  facet?: string;
  columns?: number;
}

/** A Vega-Lite bar chart (optionally grouped by colour or faceted) with value labels on the bars. */
export function barChart(o: BarChartOptions): TopLevelSpec {
  const category = o.horizontal ? 'y' : 'x';
  const measure = o.horizontal ? 'x' : 'y';
  const measureOf = (row: Row) => Number((row as Record<string, unknown>)[o.measure]);
  const values = o.keepOrder ? o.values : [...o.values].sort((a, b) => measureOf(b) - measureOf(a));
  const format = o.measureFormat ?? ',d';
  const encoding = {
    [category]: { field: o.category, type: 'nominal', title: o.categoryTitle, sort: null, axis: o.horizontal ? TITLE_ABOVE_AXIS : { labelAngle: longestLabel(values, o.category) > 6 ? -40 : 0 } },
    [measure]: { field: o.measure, type: 'quantitative', title: o.measureTitle, axis: { format, tickCount: 6 } },
    ...(o.color ? {
      color: { field: o.color, type: 'nominal', title: o.colorTitle ?? o.color },
      [`${category}Offset`]: { field: o.color, type: 'nominal' },
    } : {}),
  };
  const label = {
    mark: { type: 'text', fontSize: 10, ...(o.horizontal ? { align: 'left', dx: 3 } : { baseline: 'bottom', dy: -2 }) },
    encoding: { text: { field: o.measure, type: 'quantitative', format } },
  };
  const size = o.horizontal ? { width: o.facet ? 260 : 480, height: { step: o.color ? 12 : 18 } } : { width: { step: o.color ? 36 : 40 }, height: 280 };
  const layered = { ...size, encoding, layer: [{ mark: { type: 'bar', tooltip: true } }, label] };
  const header = { title: o.subtitle ? { text: o.title, subtitle: o.subtitle } : o.title };
  const spec = o.facet
    ? {
        ...header,
        data: { values },
        facet: { field: o.facet, type: 'nominal', title: null, sort: distinct(values, o.facet) },
        columns: o.columns ?? 2,
        spec: layered,
        resolve: { scale: { [category]: 'independent' } },
      }
    : { ...header, data: { values }, ...layered };
  return { config: CONFIG, ...spec } as TopLevelSpec;
}

/** Length of the longest value of `field`. */
function longestLabel(rows: readonly Row[], field: string): number {
  return Math.max(0, ...rows.map((r) => String((r as Record<string, unknown>)[field]).length));
}

/** The distinct values of `field` in row order (facets keep the order of the data). */
function distinct(rows: readonly Row[], field: string): string[] {
  return [...new Set(rows.map((r) => String((r as Record<string, unknown>)[field])))];
}

/** Adds the report's shared config to a hand-written spec (maps, word clouds). */
export function withConfig(spec: TopLevelSpec): TopLevelSpec {
  return { ...spec, config: { ...CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec;
}

/**
 * Vega-Lite's messages, less its notice that layered facets with independent scales share one data
 * source (they do here: every layer draws the same rows).
 */
const logger: LoggerInterface = {
  level: () => logger,
  error: (...args: unknown[]) => {
    console.error(...args);
    return logger;
  },
  warn: (...args: unknown[]) => {
    if (!String(args[0]).startsWith('Detected faceted independent scales')) console.warn(...args);
    return logger;
  },
  info: () => logger,
  debug: () => logger,
};

/** Renders a Vega-Lite spec to an SVG string, without a browser. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  await useCanvasTextMetrics();
  const view = new vega.View(vega.parse(compile(spec, { logger }).spec), { renderer: 'none', logLevel: vega.Warn });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
