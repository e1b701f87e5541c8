import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mib, peakMemoryLine, peakRssBytes } from './memory.ts';

test('peakRssBytes covers a large allocation that is still resident', () => {
  const rssBefore = process.memoryUsage().rss;
  const big = new Float64Array((64 * 2 ** 20) / 8).fill(1); // 64 MiB, touched
  const rssAfter = process.memoryUsage().rss;
  assert.ok(rssAfter >= rssBefore + 48 * 2 ** 20, `RSS grew only ${rssAfter - rssBefore} bytes`);
  assert.ok(peakRssBytes() >= rssAfter - 2 ** 20, `peak ${peakRssBytes()} below the current RSS ${rssAfter}`);
  assert.equal(big[big.length - 1], 1);
});

test('peakMemoryLine names the job and prints MiB', () => {
  assert.equal(mib(3 * 2 ** 20), '3.0');
  assert.match(peakMemoryLine('maxella train'), /^maxella train: peak RSS \d+\.\d MiB$/);
});
