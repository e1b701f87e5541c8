/**
 * Word-cloud layout with d3-cloud. Its collision test rasterises words, so it needs a canvas: in Node
 * that is @napi-rs/canvas (prebuilt Skia from the npm registry). The placed words become a
 * Vega-Lite text chart, rendered to SVG like every other figure.
 */
import cloud from 'd3-cloud';
import type { TopLevelSpec } from 'vega-lite';
import { Rng } from '../util/random.ts';
import { withConfig } from './charts.ts';

/** A word to place, with its weight (larger = bigger text) and a value to colour it by. */
export interface CloudInput {
  text: string;
  weight: number;
  colorValue: number;
}

/** A placed word: centre x, baseline y (pixels from the top-left corner), font size, rotation. */
export interface PlacedWord {
  text: string;
  x: number;
  y: number;
  size: number;
  rotate: number;
  colorValue: number;
}

/** Layout options. */
export interface CloudOptions {
  width: number;
  height: number;
  /** Font size of the lightest and the heaviest word. */
  fontSizes?: [number, number];
  /** Font the words are measured (and drawn) in; it must be installed where the layout runs. */
  font?: string;
  seed?: number;
}

/** Lays the words out; words that do not fit are left out. Throws when no canvas package loads. */
export async function layoutWordCloud(words: CloudInput[], o: CloudOptions): Promise<PlacedWord[]> {
  const { createCanvas } = await import('@napi-rs/canvas');
  const [small, large] = o.fontSizes ?? [11, 40];
  const weights = words.map((w) => w.weight);
  const lo = Math.min(...weights);
  const span = Math.max(...weights) - lo || 1;
  const rng = new Rng(o.seed ?? 42);
  type Word = { text: string; size: number; colorValue: number; x?: number; y?: number; rotate?: number };
  const input: Word[] = words.map((w) => ({ text: w.text, colorValue: w.colorValue, size: small + ((w.weight - lo) / span) * (large - small) }));
  const placed = await new Promise<Word[]>((resolve) => {
    cloud<Word>()
      .size([o.width, o.height])
      .canvas(() => createCanvas(1, 1))
      .words(input)
      .font(o.font ?? 'DejaVu Sans')
      .fontSize((w) => w.size)
      .rotate(() => 0)
      .padding(2)
      .spiral('archimedean')
      .random(() => rng.next())
      .timeInterval(Infinity)
      .on('end', (out) => resolve(out))
      .start();
  });
  return placed.map((w) => ({ text: w.text, size: w.size, colorValue: w.colorValue, rotate: w.rotate ?? 0, x: (w.x ?? 0) + o.width / 2, y: (w.y ?? 0) + o.height / 2 }));
}

/** Wording of the word-cloud chart. */
export interface CloudChartOptions {
  title: string;
  subtitle?: string;
  colorTitle: string;
  width: number;
  height: number;
}

/** A Vega-Lite chart drawing placed words at their pixel positions (no scales). */
export function wordCloudChart(words: PlacedWord[], o: CloudChartOptions): TopLevelSpec {
  const pixels = (field: string) => ({ field, type: 'quantitative', scale: null, axis: null });
  return withConfig({
    title: o.subtitle ? { text: o.title, subtitle: o.subtitle } : o.title,
    width: o.width,
    height: o.height,
    data: { values: words },
    mark: { type: 'text', align: 'center', baseline: 'alphabetic', font: 'DejaVu Sans, Verdana, sans-serif' },
    encoding: {
      x: pixels('x'),
      y: pixels('y'),
      size: { field: 'size', type: 'quantitative', scale: null, legend: null },
      angle: { field: 'rotate', type: 'quantitative', scale: null },
      text: { field: 'text' },
      color: { field: 'colorValue', type: 'quantitative', title: o.colorTitle, scale: { scheme: { name: 'orangered', extent: [0.45, 1] }, reverse: true } },
    },
  } as TopLevelSpec);
}
