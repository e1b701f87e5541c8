/**
 * Runs every example in `--quick` mode as a child process (two at a time) and checks that it exits
 * 0 and prints its TFRS metric names with finite values. With ../shared/data the examples train on
 * a 20,000-rating subset of ML-100K; without it they fall back to synthetic data by themselves (and
 * say so). One extra run forces synthetic data, so that path is covered everywhere. A last test checks
 * that every TypeScript block of docs/guide.md still matches the example file it names.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { QUICK_FALLBACK } from './common.ts';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));

/** One example run and the metric names its output must show. */
interface Case {
  script: string;
  args?: string[];
  metrics: string[];
  /** Other lines the output must contain. */
  lines?: RegExp[];
}

const TOP_K = [1, 5, 10, 50, 100].map((k) => `factorized_top_k/top_${k}_categorical_accuracy`);

const CASES: Case[] = [
  { script: 'basic-retrieval.ts', metrics: ['loss', ...TOP_K], lines: [/^Recommendations for user \d+: .+ \| .+ \| .+$/m] },
  { script: 'basic-ranking.ts', metrics: ['loss', 'root_mean_squared_error'] },
  { script: 'context-features.ts', metrics: ['val_root_mean_squared_error', 'root_mean_squared_error'], lines: [/^Enriched model, test set:$/m, /^Timestamp buckets: \d+/m] },
  { script: 'serve-with-index.ts', metrics: ['hnsw_recall_at_10'], lines: [/^After loading, user \d+: /m] },
  { script: 'custom-model.ts', metrics: ['val_root_mean_squared_error'] },
  { script: 'dcn.ts', metrics: ['root_mean_squared_error'], lines: [/^Feature-importance matrix/m] },
  { script: 'top-k.ts', metrics: ['most_popular/ndcg_at_10', 'blend/ndcg_at_10', 'blend/precision_at_10'], lines: [/^validation picked /m, /^After loading: .+ \(same list\)$/m] },
  { script: 'basic-ranking.ts', args: ['--data', QUICK_FALLBACK], metrics: ['root_mean_squared_error'], lines: [/^data: synthetic:/m] },
];

/** Every `name: number` pair in `output` (metric lines and Keras-style epoch lines). */
function metricValues(output: string): Map<string, number[]> {
  const found = new Map<string, number[]>();
  for (const [, name, value] of output.matchAll(/([\w/]+): (-?[\d.]+(?:e[-+]?\d+)?|NaN|-?Infinity)\b/g)) {
    found.set(name, [...(found.get(name) ?? []), Number(value)]);
  }
  return found;
}

test('examples run in --quick mode and print finite TFRS metrics', { concurrency: 2 }, async (t) => {
  await Promise.all(
    CASES.map((c) =>
      t.test(`${c.script} ${(c.args ?? []).join(' ')}`.trim(), async () => {
        const { stdout } = await run(process.execPath, ['--conditions=maxella-source', '--import', 'tsx', join(here, c.script), '--quick', ...(c.args ?? [])], { cwd: join(here, '..'), timeout: 50_000 });
        const values = metricValues(stdout);
        for (const name of c.metrics) {
          const seen = values.get(name);
          assert.ok(seen, `${c.script} printed no "${name}":\n${stdout}`);
          assert.ok(seen.every(Number.isFinite), `${c.script}: ${name} = ${seen.join(', ')}`);
        }
        for (const line of c.lines ?? []) assert.match(stdout, line);
        // Top-k accuracies are fractions that can only grow with k.
        const accuracies = TOP_K.flatMap((name) => values.get(name) ?? []);
        accuracies.forEach((a, i) => assert.ok(a >= 0 && a <= 1 && (i === 0 || a >= accuracies[i - 1]), `top-k accuracies ${accuracies.join(', ')}`));
      }),
    ),
  );
});

/** The ```ts blocks of the guide, each with the example file named in the `<!-- example: … -->` line above it. */
function guideBlocks(markdown: string): { file: string; lines: string[] }[] {
  return [...markdown.matchAll(/<!-- example: (\S+) -->\n```ts\n([\s\S]*?)\n```/g)].map(([, file, body]) => ({ file, lines: body.split('\n') }));
}

test('docs/guide.md: every TypeScript block is copied from the example it names', () => {
  const root = join(here, '..');
  const guide = readFileSync(join(root, 'docs', 'guide.md'), 'utf8');
  const blocks = guideBlocks(guide);
  assert.equal(blocks.length, (guide.match(/```ts\n/g) ?? []).length, 'every ```ts block needs an <!-- example: file --> line above it');
  for (const { file, lines } of blocks) {
    const source = readFileSync(join(root, file), 'utf8').split('\n');
    // The block's lines appear in the file in the same order (lines may be left out between them).
    let at = 0;
    for (const line of lines.filter((l) => l.trim() !== '')) {
      while (at < source.length && source[at] !== line) at++;
      assert.ok(at < source.length, `docs/guide.md: this line of a block from ${file} is not in that file (or is out of order):\n${line}`);
      at++;
    }
  }
});
