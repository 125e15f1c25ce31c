/**
 * The package as users get it: `npm pack`, then `npm install --omit=dev <tgz>` into an empty
 * folder, and the library example (examples/driver-vitest) installed from the same tarball. One
 * pack and both installs (side by side, from the npm cache where it can) serve every test here.
 */
import { execFile, spawnSync } from 'node:child_process';
import type { SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_C_SOURCE } from '../../src/backends/c/cTarget.ts';
import { EXAMPLE_TRANSCRIPT } from '../__helpers__/formatExample.ts';

const run = promisify(execFile);
const ROOT = resolve('.');
const VERSION = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const TRACE = resolve('test/fixtures/traces/format-example.trace');
const NPM_FLAGS = ['--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];
/**
 * `--version` and per-command `--help` come with the CLI conventions (src/cli/version.ts, branch
 * s4-cli); until they are merged only the top-level `--help` can be checked.
 */
const CLI_CONVENTIONS = existsSync('src/cli/version.ts');
if (!CLI_CONVENTIONS) console.warn('packedInstall.spec.ts: --version and fuzz --help not checked: src/cli/version.ts (s4-cli) is not merged yet');
/** Packs, builds and installs: several minutes on a loaded 2-core machine is not a hang. */
const SETUP_MS = 600_000;

let tmp: string;
let tarball: string;
let packed: string[];
/** The empty folder the tarball was installed into, runtime dependencies only. */
let app: string;
/** The library example, with its own dev dependencies and the tarball. */
let example: string;

/** What a parent `npm test` passes down would change how the child npm behaves. */
function npmEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_')));
}

/** Sizes and counts the files under `dir`. */
function du(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
    files++;
  }
  return { bytes, files };
}

/** Runs the installed CLI in the app folder. */
function cli(args: string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(join(app, 'node_modules', '.bin', 'gpuvm-check'), args, { cwd: app, encoding: 'utf8', env: { ...npmEnv(), ...env }, timeout: 300_000 });
}

beforeAll(async () => {
  const t0 = Date.now();
  tmp = mkdtempSync(join(tmpdir(), 'gpuvm-pack-'));
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', tmp, ...NPM_FLAGS], { cwd: ROOT, env: npmEnv(), maxBuffer: 64 << 20 });
  const [info] = JSON.parse(stdout.slice(stdout.indexOf('['))) as [{ filename: string; files: { path: string }[] }];
  tarball = join(tmp, info.filename);
  const packMs = Date.now() - t0;
  packed = info.files.map((f) => f.path);

  app = join(tmp, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), '{ "name": "app", "private": true, "type": "module" }\n');
  example = join(tmp, 'example');
  cpSync('examples/driver-vitest', example, { recursive: true, filter: (p) => !p.includes('node_modules') });
  // The example names the checkout (`file:../..`); here it gets the tarball instead.
  const manifest = JSON.parse(readFileSync(join(example, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  manifest.devDependencies['gpuvm-check'] = `file:${tarball}`;
  writeFileSync(join(example, 'package.json'), JSON.stringify(manifest, null, 2));

  await Promise.all([
    run('npm', ['install', '--omit=dev', ...NPM_FLAGS, tarball], { cwd: app, env: npmEnv() }),
    run('npm', ['install', ...NPM_FLAGS], { cwd: example, env: npmEnv() }),
  ]);
  console.log(`npm pack: ${(packMs / 1000).toFixed(1)} s; both installs done ${((Date.now() - t0 - packMs) / 1000).toFixed(1)} s later`);
}, SETUP_MS);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the tarball', () => {
  test('ships the compiled code, the C sources and the docs; no sources, tests, benchmarks or CI', () => {
    console.log(`npm pack: ${packed.length} files`);
    for (const file of ['package.json', 'README.md', 'FINDINGS.md', 'bin/gpuvm-check.mjs', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/fuzz/worker.js', 'native/driver.c', 'dist/properties/findings/GPUVM-001.trace', 'docs/library.md']) {
      expect(packed).toContain(file);
    }
    const unwanted = packed.filter((f) => /^(test|bench|\.ci|src|model|properties|fuzz|examples|scripts|native\/tests)\//.test(f) || /\.ts$/.test(f.replace(/\.d\.ts$/, '')));
    expect(unwanted).toEqual([]);
  });
});

// Each test spawns the installed CLI, npx or tsc: slow on a loaded machine, not hung.
describe('npm install --omit=dev <tgz>', { timeout: 300_000 }, () => {
  test('node_modules holds the runtime dependencies only, in at most 40 MB', () => {
    const modules = join(app, 'node_modules');
    const { bytes, files } = du(modules);
    console.log(`installed node_modules: ${(bytes / 1e6).toFixed(1)} MB in ${files} files`);
    expect(bytes).toBeLessThanOrEqual(40e6);
    const installed = readdirSync(modules).flatMap((name) => (name.startsWith('@') ? readdirSync(join(modules, name)).map((n) => `${name}/${n}`) : [name]));
    for (const dev of ['vitest', 'typescript', 'tsx', 'vite', 'esbuild', '@stryker-mutator/core']) expect(installed).not.toContain(dev);
    expect(installed).toEqual(expect.arrayContaining(['gpuvm-check', 'fast-check', 'seedrandom']));
  });

  test('gpuvm-check --help exits 0 with the commands', () => {
    const r = cli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\s+fuzz /m);
  });

  test.skipIf(!CLI_CONVENTIONS)('npx gpuvm-check --version prints the version of package.json', () => {
    const r = spawnSync('npx', ['--no-install', 'gpuvm-check', '--version'], { cwd: app, encoding: 'utf8', env: npmEnv() });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(VERSION);
    expect(r.status).toBe(0);
  });

  test.skipIf(!CLI_CONVENTIONS)('fuzz --help exits 0 with the usage of fuzz', () => {
    const r = cli(['fuzz', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--duration/);
  });

  test('run --backend ts prints the transcript of a trace', () => {
    const r = cli(['run', '--backend', 'ts', TRACE]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(EXAMPLE_TRANSCRIPT.map((l) => `${l}\n`).join(''));
    expect(r.status).toBe(0);
  });

  test('fuzz --backend ts runs a campaign in compiled worker threads', () => {
    const out = join(tmp, 'campaign');
    const r = cli(['fuzz', '--backend', 'ts', '--seed', '1', '--workers', '2', '--duration', '3s', '--out', out]);
    expect(r.stderr).toMatch(/backend ts, 2 worker\(s\)/);
    expect(r.stderr).not.toMatch(/Error|ERR_/);
    expect(r.stdout).toMatch(/^campaign .*: \d+ jobs, [1-9][\d,]* requests/m);
    expect(existsSync(join(out, 'report.json'))).toBe(true);
    expect([0, 1]).toContain(r.status);
  });

  test.each([
    ['run --backend c', ['run', '--backend', 'c', TRACE]],
    ['fuzz (default backend: both)', ['fuzz', '--duration', '1s', '--out', 'never']],
    ['check', ['check', TRACE]],
    ['findings', ['findings']],
    ['diff', ['diff', TRACE]],
  ])('without the seed, %s exits 2 saying how to name the C code', (_name, args) => {
    const r = cli(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--kernel-tree DIR/);
    expect(r.stderr).toMatch(/--c-source FILE/);
    expect(r.stderr).toMatch(/GPUVM_KERNEL_TREE/);
    expect(r.stdout).toBe('');
    expect(existsSync(join(app, 'never'))).toBe(false);
  });

  test.skipIf(!existsSync(DEFAULT_C_SOURCE))('run --backend c --c-source builds the shipped native/ into $XDG_CACHE_HOME, not node_modules', () => {
    const xdg = join(tmp, 'xdg');
    const r = cli(['run', '--backend', 'c', '--c-source', DEFAULT_C_SOURCE, TRACE], { XDG_CACHE_HOME: xdg });
    expect(r.stdout).toBe(EXAMPLE_TRANSCRIPT.map((l) => `${l}\n`).join(''));
    expect(r.status).toBe(0);
    const builds = readdirSync(join(xdg, 'gpuvm-check', 'native')).filter((d) => /^[0-9a-f]{64}$/.test(d));
    expect(builds).toHaveLength(1);
    expect(existsSync(join(app, 'node_modules', 'gpuvm-check', '.cache'))).toBe(false);
    // The registered findings' traces ship beside the compiled code and replay on the C code.
    const findings = cli(['findings', '--c-source', DEFAULT_C_SOURCE], { XDG_CACHE_HOME: xdg });
    expect(findings.stdout).toMatch(/^GPUVM-001 +present/m);
    expect(findings.status).toBe(1);
  });

  test("import('gpuvm-check') resolves to the library", () => {
    const script = "const m = await import('gpuvm-check'); console.log(typeof m.sequences, typeof m.ModelDriver, typeof m.runChecked, m.REQUEST_INVARIANTS.length > 0);";
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('function function function true');
  });

  test('its types: what is right compiles, what is wrong does not', () => {
    writeFileSync(
      join(app, 'typed.ts'),
      [
        "import { ModelDriver, request, sequences } from 'gpuvm-check';",
        "import type { GeneratedSequence, ModelResult } from 'gpuvm-check';",
        "import type { Arbitrary } from 'fast-check';",
        "export const result: ModelResult = new ModelDriver().run(request('init', 0n, 0x1000n, 0n, 0n));",
        'export const arbitrary: Arbitrary<GeneratedSequence> = sequences(10);',
        '// @ts-expect-error a handle is a number, an address a bigint',
        "request('map', 0, 0x1000n, 1n, 0n);",
        '',
      ].join('\n'),
    );
    const compilerOptions = { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', types: [] };
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['typed.ts'] }));
    const r = spawnSync(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', app], { cwd: app, encoding: 'utf8' });
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('the library example (examples/driver-vitest) from the tarball', () => {
  test('its vitest suite passes', () => {
    const r = spawnSync(join(example, 'node_modules', '.bin', 'vitest'), ['run'], { cwd: example, encoding: 'utf8', env: npmEnv(), timeout: 300_000 });
    const text = r.stdout.replace(/\x1b\[[0-9;]*m/g, '');
    expect(text).toMatch(/Tests\s+2 passed \(2\)/);
    expect(r.status).toBe(0);
  }, SETUP_MS);

  test("it typechecks against the package's types (the model's ops are the driver's ops)", () => {
    const r = spawnSync(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', example], { encoding: 'utf8' });
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
  }, SETUP_MS);
});
