import { test } from 'node:test';
import assert from 'node:assert/strict';
import { terminalProgress, timing } from './progress.ts';

test('progress lines carry the time so far and an ETA', () => {
  assert.equal(timing(30, 0.25), '(30 s, ETA 90 s)');
  assert.equal(timing(120, 0.5), '(2 min, ETA 2 min)');
  assert.equal(timing(0, 0), '(0 s, ETA ?)');
  const lines: string[] = [];
  const progress = terminalProgress('training', (line) => lines.push(line));
  if (process.stdout.isTTY) return; // a bar, not lines
  for (const fraction of [0, 0.05, 0.1, 0.15, 0.5]) progress.onProgress({ stage: 'top-k', fraction, message: `at ${fraction}` });
  assert.equal(lines.length, 3, lines.join('\n')); // one line per decile reached
  assert.match(lines[1], /^training: 10% \(\d+ s, ETA \d+ s\) at 0\.1$/);
});
