#!/usr/bin/env node
// In a checkout (src/ present) the TypeScript sources run through tsx, a dev dependency, so
// `npx gpuvm-check` works right after `npm ci` and never runs a stale build. An installed
// package ships no sources: it runs the compiled dist/ and needs no tsx.
import { existsSync } from 'node:fs';

const sources = new URL('../src/cli/main.ts', import.meta.url);
let entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register();
  entry = sources;
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
