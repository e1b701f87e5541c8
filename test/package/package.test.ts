/**
 * The package as a user gets it: `npm pack`, install the tarball into an empty project (from the
 * npm cache, no install scripts: the native addons are optional), then with plain node and no loader
 * run a JavaScript program that trains through `import { models, tasks, train } from 'maxella'`, and
 * type-check a TypeScript file against the shipped declarations alone.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
let dir: string;
let files: string[];

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'maxella-package-'));
  // prepack runs `npm run build`, so the tarball holds a fresh dist/.
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as { filename: string; files: { path: string }[] }[];
  files = packed[0].files.map((f) => f.path);
  const project = join(dir, 'project');
  execFileSync('mkdir', [project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const install = spawnSync('npm', ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', join(dir, packed[0].filename), 'typescript@5', '@types/node@20'], { cwd: project, encoding: 'utf8' });
  assert.equal(install.status, 0, install.stderr);
  for (const name of readdirSync(here).filter((f) => f.startsWith('consumer.'))) copyFileSync(join(here, name), join(project, name));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('the tarball holds the compiled library and CLI, and no sources, tests or build output', () => {
  assert.ok(files.includes('dist/index.js') && files.includes('dist/index.d.ts') && files.includes('dist/cli.js') && files.includes('bin/maxella.js'));
  assert.ok(files.includes('dist/browser.js') && files.includes('dist/browser.d.ts'), 'the browser entry');
  for (const sub of ['data', 'features', 'layers', 'losses', 'metrics', 'tasks', 'models', 'train', 'serve']) assert.ok(files.includes(`dist/${sub}/index.js`), sub);
  assert.ok(files.includes('dist/serve/ui/index.html'), 'the web UI ships with the app');
  const unwanted = files.filter((f) => f.startsWith('src/') || /\.test\.|\/testing\/|native\/.*\/build\/|^docs\/|\.node$/.test(f));
  assert.deepEqual(unwanted, []);
});

test('plain node trains a two-tower model through the package entry, with a falling loss', () => {
  const run = spawnSync(process.execPath, ['consumer.mjs'], { cwd: join(dir, 'project'), encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  assert.equal(run.status, 0, run.stderr);
  const { loss } = JSON.parse(run.stdout.trim().split('\n').pop()!) as { loss: number[] };
  assert.equal(loss.length, 4);
  assert.ok(loss[3] < loss[0], `loss falls: ${loss}`);
  assert.doesNotMatch(run.stdout + run.stderr, /Hi, looks like you are running TensorFlow\.js/);
});

test('a TypeScript file type-checks against the shipped declarations', () => {
  const project = join(dir, 'project');
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] },
    files: ['consumer.ts'],
  }));
  const check = spawnSync(process.execPath, [join(project, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project], { cwd: project, encoding: 'utf8' });
  assert.equal(check.status, 0, check.stdout + check.stderr);
});

test('the installed `maxella` command runs the compiled CLI with plain node', () => {
  const help = spawnSync(join(dir, 'project', 'node_modules', '.bin', 'maxella'), ['--help'], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout, /serve/);
});

test('the installed package bundles for a browser: `maxella/browser` has no Node built-ins and reads memory files', async () => {
  const project = join(dir, 'project');
  writeFileSync(join(project, 'browser-entry.mjs'), "import { readMovieLensFiles, models, tasks } from 'maxella/browser';\nexport { readMovieLensFiles, models, tasks };\n");
  const { build } = await import('esbuild');
  const { wasmLoader } = await import('esbuild-plugin-wasm');
  const result = await build({ entryPoints: [join(project, 'browser-entry.mjs')], absWorkingDir: project, bundle: true, write: false, format: 'esm', platform: 'browser', plugins: [wasmLoader({ mode: 'embedded' })], logLevel: 'silent' });
  assert.deepEqual(result.errors, []);
  assert.ok(result.outputFiles[0].text.length > 100_000, 'the bundle holds the library');
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', "import { readMovieLensFiles } from 'maxella/browser'; const ds = await readMovieLensFiles({ 'u.data': '1\\t10\\t3\\t881250949\\n', 'u.item': '10|Toy Story (1995)|01-Jan-1995||http://x|' + Array(19).fill('0').join('|') + '\\n', 'u.user': '1|24|M|technician|85711\\n' }); console.log(ds.ratings.length, ds.movies.title[0]);"], { cwd: project, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), '1 Toy Story (1995)');
});
