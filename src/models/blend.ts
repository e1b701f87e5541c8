/**
 * `ScoreBlend`: a top-K recommender whose scores are a weighted sum of other models' scores, each
 * standardised per user first (z-scores over the movies it can rank), so models on different scales
 * (EASE^R's reconstructions, a two-tower model's dot products) mix by their weights alone. Movies a
 * part cannot rank (−∞) stay unrankable. Fold-in works when every part folds in.
 */
import type { ItemHistory, TopKRecommender } from './top-k.ts';

/** One part of a blend. */
export interface BlendPart {
  model: TopKRecommender;
  weight: number;
}

/** A weighted sum of standardised scores (see the module doc). */
export class ScoreBlend implements TopKRecommender {
  readonly className = 'ScoreBlend';
  readonly numUsers: number;
  readonly numMovies: number;

  constructor(readonly parts: BlendPart[]) {
    if (parts.length === 0) throw new Error('ScoreBlend: give at least one part');
    const [first] = parts;
    for (const p of parts) {
      if (p.model.numMovies !== first.model.numMovies) throw new Error(`ScoreBlend: ${p.model.className} ranks ${p.model.numMovies} movies, ${first.model.className} ${first.model.numMovies}`);
      if (!Number.isFinite(p.weight) || p.weight < 0) throw new Error(`ScoreBlend: weight of ${p.model.className} must be a finite number ≥ 0, got ${p.weight}`);
    }
    this.numUsers = Math.min(...parts.map((p) => p.model.numUsers));
    this.numMovies = first.model.numMovies;
  }

  scoreUsers(userRows: Int32Array): Float32Array {
    return this.combine((m) => m.scoreUsers(userRows), userRows.length);
  }

  scoreHistory(history: ItemHistory): Float32Array {
    return this.combine((m) => m.scoreHistory(history), 1);
  }

  private combine(score: (model: TopKRecommender) => Float32Array, rows: number): Float32Array {
    const n = this.numMovies;
    const out = new Float32Array(rows * n);
    for (const { model, weight } of this.parts) {
      const scores = score(model);
      for (let r = 0; r < rows; r++) {
        const row = scores.subarray(r * n, (r + 1) * n);
        let sum = 0;
        let squares = 0;
        let count = 0;
        for (const s of row) {
          if (!Number.isFinite(s)) continue;
          sum += s;
          squares += s * s;
          count++;
        }
        const mean = count ? sum / count : 0;
        const sd = Math.sqrt(Math.max(0, squares / (count || 1) - mean * mean)) || 1;
        for (let m = 0; m < n; m++) {
          const s = row[m];
          out[r * n + m] += Number.isFinite(s) ? (weight * (s - mean)) / sd : -Infinity;
        }
      }
    }
    return out;
  }

  getConfig(): Record<string, unknown> {
    return { parts: this.parts.map((p) => ({ className: p.model.className, weight: p.weight, config: p.model.getConfig() })) };
  }

  getArrays(): Record<string, Float32Array | Int32Array> {
    throw new Error('ScoreBlend: save its parts, not the blend (it has no arrays of its own)');
  }
}
