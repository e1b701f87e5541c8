import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextVectorization } from './text-vectorization.ts';

test('TextVectorization: Keras docs example (0 = padding, 1 = [UNK], ties descending)', () => {
  const layer = new TextVectorization({ maxTokens: 5000, outputSequenceLength: 4 }).adapt(['foo', 'bar', 'baz']);
  assert.deepEqual(layer.getVocabulary(), ['', '[UNK]', 'foo', 'baz', 'bar']);
  const out = layer.apply(['foo qux bar', 'qux baz']);
  assert.equal(out.width, 4);
  assert.deepEqual([...out.values], [2, 1, 4, 0, 1, 3, 0, 0]);
});

test('TextVectorization lower-cases ASCII, strips Keras punctuation, pads to the longest text', () => {
  const layer = new TextVectorization().adapt(['Toy Story (1995)', 'Story of Us, The (1999)']);
  assert.deepEqual(layer.tokenize("Schindler's List (1993)"), ['schindlers', 'list', '1993']);
  assert.deepEqual(layer.getVocabulary().slice(0, 3), ['', '[UNK]', 'story']);
  const out = layer.apply(['toy story', 'STORY of us, the (1995) extra']);
  assert.equal(out.width, 6);
  assert.deepEqual([...out.values.subarray(0, 6)], [layer.getVocabulary().indexOf('toy'), 2, 0, 0, 0, 0]);
  assert.equal(out.values[11], 1);
});

test('TextVectorization n-grams, maxTokens, truncation, and character split', () => {
  const bigrams = new TextVectorization({ ngrams: 2 });
  assert.deepEqual(bigrams.tokenize('a b c'), ['a', 'b', 'c', 'a b', 'b c']);
  const capped = new TextVectorization({ maxTokens: 4, outputSequenceLength: 2 }).adapt(['x y', 'x z', 'x y']);
  assert.deepEqual(capped.getVocabulary(), ['', '[UNK]', 'x', 'y']);
  assert.deepEqual([...capped.apply(['z x y']).values], [1, 2]);
  assert.deepEqual(new TextVectorization({ split: 'character', standardize: null }).tokenize('Ab'), ['A', 'b']);
});

test('TextVectorization round-trips through JSON', () => {
  const layer = new TextVectorization({ ngrams: [1, 2], outputSequenceLength: 5 }).adapt(['red green', 'green blue']);
  const again = TextVectorization.fromJSON(JSON.parse(JSON.stringify(layer.toJSON())));
  assert.deepEqual(again.getVocabulary(), layer.getVocabulary());
  assert.deepEqual(again.apply(['green blue red']), layer.apply(['green blue red']));
  assert.throws(() => TextVectorization.fromJSON({ ...layer.toJSON(), class: 'Hashing' as 'TextVectorization' }), /expected class "TextVectorization"/);
});
