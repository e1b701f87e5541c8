/** `IntegerLookup`: integers to integer ids, with Keras semantics (see `index-lookup.ts`). */
import { IndexLookup, type IndexLookupJSON, type IndexLookupOptions } from './index-lookup.ts';

/** Maps integer values to ids; OOV values go to slot `value mod numOovIndices` like Keras. Default OOV token -1. */
export class IntegerLookup extends IndexLookup<number> {
  constructor(opts: IndexLookupOptions<number> = {}) {
    super(opts, -1);
  }

  protected override oovSlot(value: number): number {
    const n = this.numOovIndices;
    return ((value % n) + n) % n;
  }

  /** Rebuilds a layer saved with `toJSON()`. */
  static fromJSON(json: IndexLookupJSON<number>): IntegerLookup {
    return new IntegerLookup(IndexLookup.optionsFromJSON(json, 'IntegerLookup'));
  }
}
