#!/usr/bin/env node
// `npm run build`: compiles the library and the CLI into dist/ (tsconfig.build.json), from
// scratch so no file of a deleted source lingers, then copies beside the compiled code the data
// files it reads relative to itself (the registered findings' traces, transcripts and patches).
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}dist`;
rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
cpSync(`${root}properties/findings`, `${dist}/properties/findings`, {
  recursive: true,
  filter: (source) => !source.endsWith('.ts'),
});
