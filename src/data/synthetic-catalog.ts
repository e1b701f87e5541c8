/** The synthetic movie catalog (ids, titles with years, genres, popularity) and small sampling helpers. */
import { Rng } from '../util/random.ts';
import { GENRE_WEIGHTS, RELEASE_SHAPES, TITLE_WORDS, TRAILING_ARTICLES, type SyntheticFormat } from './synthetic-shape.ts';

/** The generated movies, indexed by row; `byPopularity` lists rows from most to least rated. */
export interface Catalog {
  id: Int32Array;
  title: string[];
  year: Int16Array;
  /** Indices into GENRES_CSV. */
  genres: number[][];
  /** Latent quality added to every rating of the movie. */
  bias: Float32Array;
  byPopularity: Int32Array;
  /** Running Zipf weights over popularity ranks (sampling by binary search). */
  cumulativeWeight: Float64Array;
}

/** `n` movies in the style of `format`'s release: sparse ids, titles with years, genres, a popularity order. */
export function makeCatalog(format: SyntheticFormat, n: number, rng: Rng): Catalog {
  const shape = RELEASE_SHAPES[format];
  const id = new Int32Array(n);
  const year = new Int16Array(n);
  const title: string[] = [];
  const genres: number[][] = [];
  const bias = new Float32Array(n);
  const [firstYear, lastYear] = shape.years;
  const meanAge = (lastYear - firstYear) / 6;
  let nextId = 1;
  for (let m = 0; m < n; m++) {
    id[m] = nextId;
    nextId += 1 + Math.floor(-Math.log(1 - rng.next()) * (shape.movieIdGap - 1));
    year[m] = Math.max(firstYear, lastYear - Math.floor(-Math.log(1 - rng.next()) * meanAge));
    const withoutYear = format !== '100k' && format !== '1m' && rng.next() < 0.002;
    title.push(withoutYear ? makeTitle(rng) : `${makeTitle(rng)} (${year[m]})`);
    genres.push(pickGenres(rng, format !== '100k' && format !== '1m'));
    bias[m] = 0.7 * rng.normal();
  }
  const byPopularity = rng.shuffle(Int32Array.from({ length: n }, (_, i) => i));
  const scaledQ = shape.zipf.q * (n / shape.movies);
  const cumulativeWeight = new Float64Array(n);
  let total = 0;
  for (let r = 0; r < n; r++) cumulativeWeight[r] = total += Math.pow(r + 1 + scaledQ, -shape.zipf.s);
  return { id, title, year, genres, bias, byPopularity, cumulativeWeight };
}

function makeTitle(rng: Rng): string {
  const words = 1 + rng.int(3);
  const parts: string[] = [];
  for (let w = 0; w < words; w++) parts.push(TITLE_WORDS[rng.int(TITLE_WORDS.length)]);
  let title = parts.join(' ');
  if (rng.next() < 0.12) title += `, ${TRAILING_ARTICLES[rng.next() < 0.7 ? 0 : rng.int(TRAILING_ARTICLES.length)]}`;
  if (rng.next() < 0.03) title += ` (${TITLE_WORDS[rng.int(TITLE_WORDS.length)]} ${TITLE_WORDS[rng.int(TITLE_WORDS.length)]}, The)`;
  return title;
}

const genrePicker = weightedPicker(GENRE_WEIGHTS);

function pickGenres(rng: Rng, allowNone: boolean): number[] {
  if (allowNone && rng.next() < 0.005) return [];
  const u = rng.next();
  const count = u < 0.35 ? 1 : u < 0.7 ? 2 : u < 0.92 ? 3 : 4;
  const set = new Set<number>();
  while (set.size < count) set.add(genrePicker(rng));
  return [...set].sort((a, b) => a - b);
}

/** Running shares of `counts` (the last is 1). */
export function cumulativeShares(counts: number[]): Float64Array {
  const total = counts.reduce((a, b) => a + b, 0);
  let sum = 0;
  return Float64Array.from(counts, (c) => (sum += c) / total);
}

/** The first index whose running share exceeds `p`. */
export function quantileIndex(cumulative: Float64Array, p: number): number {
  let i = 0;
  while (i < cumulative.length - 1 && p >= cumulative[i]) i++;
  return i;
}

/** A sampler of indices in proportion to `weights`. */
export function weightedPicker(weights: readonly number[]): (rng: Rng) => number {
  const cumulative = cumulativeShares([...weights]);
  return (rng) => quantileIndex(cumulative, rng.next());
}
