/**
 * Exact text widths for Vega in Node. Without a browser Vega estimates 0.8 em per character, which
 * misplaces axis titles beside long movie titles; Vega lets `textMetrics.width` be replaced (as
 * vl-convert does), so it is measured with @napi-rs/canvas when that package loads.
 */
import * as vega from 'vega';

/** The part of Vega's text-measurement API used here (untyped in vega-typings). */
interface VegaText {
  textMetrics: { width: (item: TextItem, text?: unknown) => number };
  font: (item: TextItem) => string;
}

interface TextItem {
  fontSize?: number;
  limit?: number;
}

let installed: Promise<boolean> | undefined;

/** Makes Vega measure text with a real canvas; resolves false (estimates stay) when none loads. */
export function useCanvasTextMetrics(): Promise<boolean> {
  installed ??= (async () => {
    try {
      const { createCanvas } = await import('@napi-rs/canvas');
      const context = createCanvas(1, 1).getContext('2d');
      const api = vega as unknown as VegaText;
      const cache = new Map<string, number>();
      api.textMetrics.width = (item, text) => {
        const line = text === undefined || text === null ? '' : String(text).trim();
        if (!line || item.fontSize === 0) return 0;
        const font = api.font(item);
        const key = `${font}\u0000${line}`;
        let width = cache.get(key);
        if (width === undefined) {
          context.font = font;
          cache.set(key, (width = context.measureText(line).width));
        }
        return item.limit && item.limit > 0 ? Math.min(width, item.limit) : width;
      };
      return true;
    } catch {
      return false;
    }
  })();
  return installed;
}
