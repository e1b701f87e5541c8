/** One movie's metadata from an enrichment source (movies_extrainfos.dat, or TMDB files). */
export interface MovieMetadata {
  /** The MovieLens movie id when the source knows it (extrainfos: ML-1M ids; TMDB: via links.csv). */
  movieLensId: number | null;
  tmdbId: number | null;
  title: string;
  year: number | null;
  director: string;
  cast: string[];
  castSize: number;
  crewSize: number;
  writers: string[];
  /** Milliseconds since the epoch; NaN when unknown. */
  releaseDate: number;
  mpaa: string;
  plot: string;
  posterUrl: string;
}
