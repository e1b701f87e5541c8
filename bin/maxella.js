#!/usr/bin/env node
// Entry point of the `maxella` command. In a checkout (src/ beside this folder) it runs the TypeScript
// sources through tsx; in the installed package it runs the compiled dist/ with plain node.
import { existsSync } from 'node:fs';

const fromSource = existsSync(new URL('../src/cli.ts', import.meta.url));
if (fromSource) {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
} else {
  await import('../dist/cli.js');
}
