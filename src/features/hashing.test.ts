import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sipHash24 } from './hash.ts';
import { Hashing } from './hashing.ts';

// Expected bins are the examples of the Keras Hashing docs (FarmHash64 / SipHash as in TensorFlow).
test('Hashing puts strings in the same bins as Keras', () => {
  assert.deepEqual([...new Hashing({ numBins: 3 }).apply(['A', 'B', 'C', 'D', 'E'])], [1, 0, 1, 1, 2]);
});

test('Hashing with a mask value reserves bin 0', () => {
  assert.deepEqual([...new Hashing({ numBins: 3, maskValue: '' }).apply(['A', 'B', '', 'C', 'D'])], [1, 1, 0, 2, 2]);
});

test('Hashing with a salt uses keyed SipHash like Keras', () => {
  assert.deepEqual([...new Hashing({ numBins: 3, salt: [133, 137] }).apply(['A', 'B', 'C', 'D', 'E'])], [1, 2, 1, 0, 2]);
  const oneSalt = new Hashing({ numBins: 7, salt: 133 });
  assert.deepEqual(oneSalt.salt, [133, 133]);
});

test('SipHash-2-4 matches the reference test vectors', () => {
  const key = new DataView(Uint8Array.from({ length: 16 }, (_, i) => i).buffer);
  const [k0, k1] = [key.getBigUint64(0, true), key.getBigUint64(8, true)];
  assert.equal(sipHash24(new Uint8Array(0), k0, k1), 0x726fdb47dd0e0e31n);
  assert.equal(sipHash24(Uint8Array.from({ length: 15 }, (_, i) => i), k0, k1), 0xa129ca6149be45e5n);
});

test('Hashing hashes integers as their decimal strings, and round-trips through JSON', () => {
  const layer = new Hashing({ numBins: 10, maskValue: 0 });
  assert.deepEqual([...layer.apply([17, 0, 4.9])], [...new Hashing({ numBins: 10, maskValue: 0 }).apply(['17', 0, '4'])]);
  assert.equal(layer.apply([0])[0], 0);
  const again = Hashing.fromJSON(JSON.parse(JSON.stringify(layer.toJSON())));
  assert.deepEqual([...again.apply(['a', 'b', 0])], [...layer.apply(['a', 'b', 0])]);
  assert.throws(() => new Hashing({ numBins: 0 }), /numBins must be an integer >= 1/);
});
