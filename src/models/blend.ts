/**
 * `ScoreBlend`: a top-K recommender whose scores are a weighted sum of other models' scores, each
 * standardised per user first (z-scores over the movies it can rank), so models on different scales
 * (EASE^R's reconstructions, a two-tower model's dot products) mix by their weights alone. Movies a
 * part cannot rank (−∞) stay unrankable.
 *
 * Training users are scored by every part (`scoreUsers`, or `scoreTrainedUser` when the history is at
 * hand, as in the app: a loaded EASE^R keeps no training data). `scoreTrainedUser` takes the user's
 * current history, so a training user who has rated more since is scored by the history-based parts on
 * all their ratings and by the others (a user-id tower) on their trained row: the app does so, and on
 * ML-100K that keeps the blend's edge over EASE^R alone for them (see src/experiments/served-lists.ts). A history alone
 * (a brand-new user) is scored by the parts that fold in only (e.g. EASE^R of an EASE^R + two-tower
 * blend: the user-id tower knows nothing of them), so a new rating still changes the list on the next
 * request. `contributions` are the first folding part's, times its weight: the
 * reasons behind that part of the score. Saved and loaded like any top-K model (parts' arrays prefixed).
 */
import { rebuildTopKModel, registerTopKModel, type ItemHistory, type TopKRecommender } from './top-k.ts';

/** One part of a blend. */
export interface BlendPart {
  model: TopKRecommender;
  weight: number;
}

/** A weighted sum of standardised scores (see the module doc). */
export class ScoreBlend implements TopKRecommender {
  readonly className = 'ScoreBlend';
  readonly scoresFromHistory = false;
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

  /** `base` and `other` mixed as (1 − otherWeight) · base + otherWeight · other. */
  static of(base: TopKRecommender, other: TopKRecommender, otherWeight: number): ScoreBlend {
    return new ScoreBlend([{ model: base, weight: 1 - otherWeight }, { model: other, weight: otherWeight }]);
  }

  scoreUsers(userRows: Int32Array): Float32Array {
    return this.combine(this.parts, (m) => m.scoreUsers(userRows), userRows.length);
  }

  scoreHistory(history: ItemHistory): Float32Array {
    return this.combine(this.foldingParts(), (m) => m.scoreHistory(history), 1);
  }

  /** Training user `userRow` whose history is `history`: parts scoring from history use it, the others the row. */
  scoreTrainedUser(userRow: number, history: ItemHistory): Float32Array {
    return this.combine(this.parts, (m) => (m.scoresFromHistory ? m.scoreHistory(history) : m.scoreUsers(Int32Array.of(userRow))), 1);
  }

  contributions(history: ItemHistory, movie: number): Float32Array {
    const part = this.foldingParts().find((p) => p.model.contributions);
    if (!part) return new Float32Array(history.movies.length);
    return part.model.contributions!(history, movie).map((c) => c * part.weight);
  }

  private foldingParts(): BlendPart[] {
    const parts = this.parts.filter((p) => p.model.foldsIn !== false);
    if (parts.length === 0) throw new Error('ScoreBlend: no part can fold in a history');
    return parts;
  }

  private combine(parts: BlendPart[], score: (model: TopKRecommender) => Float32Array, rows: number): Float32Array {
    const n = this.numMovies;
    const out = new Float32Array(rows * n);
    for (const { model, weight } of parts) {
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
    const out: Record<string, Float32Array | Int32Array> = {};
    this.parts.forEach((p, i) => {
      for (const [name, data] of Object.entries(p.model.getArrays())) out[`${i}/${name}`] = data;
    });
    return out;
  }

  /** Rebuilds a saved blend, each part through the top-K registry. */
  static fromArtifact(config: { parts: { className: string; weight: number; config: Record<string, unknown> }[] }, arrays: Record<string, Float32Array | Int32Array>): ScoreBlend {
    return new ScoreBlend(config.parts.map((p, i) => {
      const own = Object.fromEntries(Object.entries(arrays).filter(([name]) => name.startsWith(`${i}/`)).map(([name, data]) => [name.slice(`${i}/`.length), data]));
      return { model: rebuildTopKModel(p.className, p.config, own), weight: p.weight };
    }));
  }
}

registerTopKModel('ScoreBlend', ScoreBlend.fromArtifact);
