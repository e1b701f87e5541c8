import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IntegerLookup } from './integer-lookup.ts';
import { StringLookup } from './string-lookup.ts';

/** Saves a layer to JSON text and loads it back, as an artifact would. */
const reload = <J>(layer: { toJSON(): J }): J => JSON.parse(JSON.stringify(layer.toJSON())) as J;

// Expected values are the examples of the Keras StringLookup / IntegerLookup docs.
test('StringLookup with a fixed vocabulary: OOV is 0, tokens from 1', () => {
  const layer = new StringLookup({ vocabulary: ['a', 'b', 'c', 'd'] });
  assert.deepEqual([...layer.apply(['a', 'c', 'd', 'd', 'z', 'b'])], [1, 3, 4, 4, 0, 2]);
  assert.equal(layer.vocabularySize(), 5);
  assert.deepEqual(layer.getVocabulary(), ['[UNK]', 'a', 'b', 'c', 'd']);
});

test('StringLookup.adapt orders by count, ties by token descending (Keras lexsort)', () => {
  const layer = new StringLookup().adapt(['a', 'c', 'd', 'd', 'z', 'b']);
  assert.deepEqual(layer.getVocabulary(), ['[UNK]', 'd', 'z', 'c', 'b', 'a']);
  const capped = new StringLookup({ maxTokens: 3 }).adapt(['a', 'c', 'd', 'd', 'z', 'b']);
  assert.deepEqual(capped.getVocabulary(), ['[UNK]', 'd', 'z']);
});

test('StringLookup spreads OOV over several slots by FarmHash like Keras, and masks', () => {
  const multi = new StringLookup({ vocabulary: ['a', 'b', 'c', 'd'], numOovIndices: 2 });
  assert.deepEqual([...multi.apply(['a', 'c', 'd', 'm', 'z', 'b'])], [2, 4, 5, 0, 1, 3]);
  const masked = new StringLookup({ vocabulary: ['a', 'b', 'c', 'd'], maskToken: '' });
  assert.deepEqual([...masked.apply(['a', 'c', 'd', 'd', '', 'b'])], [2, 4, 5, 5, 0, 3]);
  assert.deepEqual(masked.getVocabulary(), ['', '[UNK]', 'a', 'b', 'c', 'd']);
});

test('StringLookup.invert maps ids back; OOV ids give the OOV token', () => {
  const layer = new StringLookup({ vocabulary: ['a', 'b', 'c', 'd'] });
  assert.deepEqual(layer.invert([1, 3, 4, 4, 0, 2]), ['a', 'c', 'd', 'd', '[UNK]', 'b']);
});

test('StringLookup rejects bad vocabularies and unknown values without OOV slots', () => {
  assert.throws(() => new StringLookup({ vocabulary: ['a', 'a'] }), /repeats "a"/);
  assert.throws(() => new StringLookup({ vocabulary: ['a', 'b'], maxTokens: 2 }), /exceeds maxTokens 2/);
  assert.throws(() => new StringLookup({ vocabulary: ['a'], numOovIndices: 0 }).apply(['b']), /"b" is not in the vocabulary/);
  assert.throws(() => StringLookup.fromJSON({ ...new StringLookup().toJSON(), class: 'IntegerLookup' }), /expected class "StringLookup"/);
});

test('StringLookup accepts a vocabulary that starts with the special tokens', () => {
  const layer = new StringLookup({ vocabulary: ['[UNK]', 'x', 'y'] });
  assert.deepEqual(layer.getVocabulary(), ['[UNK]', 'x', 'y']);
});

test('IntegerLookup: Keras examples for a fixed vocabulary, adapt and modulo OOV slots', () => {
  const fixed = new IntegerLookup({ vocabulary: [12, 36, 1138, 42] });
  assert.deepEqual([...fixed.apply([12, 1138, 42, 42, 1000, 36])], [1, 3, 4, 4, 0, 2]);
  const adapted = new IntegerLookup().adapt([12, 1138, 42, 42, 1000, 36]);
  assert.deepEqual(adapted.getVocabulary(), [-1, 42, 1138, 1000, 36, 12]);
  const multi = new IntegerLookup({ vocabulary: [12, 36, 1138, 42], numOovIndices: 2 });
  assert.deepEqual([...multi.apply([12, 1138, 42, 37, 1000, 36])], [2, 4, 5, 1, 0, 3]);
});

test('lookups survive a JSON round trip', () => {
  const s = new StringLookup({ maskToken: '', numOovIndices: 3 }).adapt(['x', 'y', 'y', 'q']);
  const s2 = StringLookup.fromJSON(reload(s));
  assert.deepEqual(s2.getVocabulary(), s.getVocabulary());
  assert.deepEqual([...s2.apply(['x', 'y', 'new', '', 'other'])], [...s.apply(['x', 'y', 'new', '', 'other'])]);
  const i = new IntegerLookup({ maxTokens: 3 }).adapt([5, 5, 7, 9, 9, 9]);
  assert.deepEqual(IntegerLookup.fromJSON(reload(i)).getVocabulary(), [-1, 9, 5]);
});
