import { test } from 'node:test';
import assert from 'node:assert/strict';
import { registeredModels } from './index.ts';

test('importing src/models registers every Model subclass, so loadArtifact can rebuild any of them', () => {
  const known = registeredModels();
  for (const name of ['TwoTowerModel', 'RankingModel', 'DcnModel', 'MultitaskModel', 'ListwiseModel', 'DotProductModel']) {
    assert.ok(known.includes(name), `${name} is not registered (known: ${known.join(', ')})`);
  }
});
