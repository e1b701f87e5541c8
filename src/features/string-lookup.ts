/** `StringLookup`: strings to integer ids, with Keras semantics (see `index-lookup.ts`). */
import { farmHashBucket } from './hash.ts';
import { IndexLookup, type IndexLookupJSON, type IndexLookupOptions } from './index-lookup.ts';

/** Maps strings to ids; OOV strings spread over the OOV slots by FarmHash64 like Keras. Default OOV token `[UNK]`. */
export class StringLookup extends IndexLookup<string> {
  constructor(opts: IndexLookupOptions<string> = {}) {
    super(opts, '[UNK]');
  }

  protected override oovSlot(value: string): number {
    return farmHashBucket(value, this.numOovIndices);
  }

  /** Rebuilds a layer saved with `toJSON()`. */
  static fromJSON(json: IndexLookupJSON<string>): StringLookup {
    return new StringLookup(IndexLookup.optionsFromJSON(json, 'StringLookup'));
  }
}
