/** Type declarations for the untyped packages the EDA report uses (only what it calls). */

declare module 'zipcodes' {
  /** One postal code's centroid and place. */
  interface ZipCodeInfo {
    zip: string;
    latitude: number;
    longitude: number;
    city: string;
    state: string;
    country: string;
  }
  /** The place of a US zip code or Canadian postal code prefix, undefined when unknown. */
  export function lookup(zip: string | number): ZipCodeInfo | undefined;
}

declare module 'd3-cloud' {
  /** A word as d3-cloud lays it out (x, y relative to the cloud's centre). */
  interface CloudWord {
    text: string;
    size: number;
    x?: number;
    y?: number;
    rotate?: number;
    font?: string;
  }
  /** d3-cloud's chainable layout. */
  interface CloudLayout<T extends CloudWord> {
    size(size: [number, number]): this;
    words(words: T[]): this;
    canvas(factory: () => unknown): this;
    font(font: string): this;
    fontSize(size: (word: T) => number): this;
    rotate(rotate: (word: T, i: number) => number): this;
    padding(padding: number): this;
    spiral(kind: 'archimedean' | 'rectangular'): this;
    random(random: () => number): this;
    timeInterval(ms: number): this;
    on(event: 'end', listener: (placed: T[], bounds: unknown) => void): this;
    start(): this;
  }
  export default function cloud<T extends CloudWord>(): CloudLayout<T>;
}
