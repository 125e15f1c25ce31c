/**
 * How the benchmark starts the product, decided in this one place: as an installed package
 * runs it, the compiled CLI (`dist/`, built by `npm run build`) when the checkout can build one,
 * else the TypeScript sources through tsx (`bin/gpuvm-check.mjs` in a checkout). The time to
 * kill counts from spawning it, so start-up is part of the figure: tsx alone costs about two
 * seconds on the loaded 2-core machine.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/backends/c/paths.ts';

/** Which build of the product a campaign runs. @public */
export type ProductKind = 'compiled' | 'sources';

/** The product: how to start it (arguments of `node` before the CLI's own). @public */
export interface Product {
  readonly kind: ProductKind;
  readonly nodeArgs: readonly string[];
}

/** The compiled CLI's module, where `npm run build` puts it. @public */
export const COMPILED_MAIN = path.join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js');

/** The product run from its sources (the CLI of a checkout). @public */
export const SOURCES: Product = { kind: 'sources', nodeArgs: [path.join(REPO_ROOT, 'bin', 'gpuvm-check.mjs')] };

/** The compiled product, started by a two-line entry that runs dist/'s CLI as the installed package's bin does. @public */
export const COMPILED: Product = { kind: 'compiled', nodeArgs: [path.join(REPO_ROOT, 'bench', 'cmutants', 'compiledCli.mjs')] };

/** What `npm run build` compiles: when any of it is newer than the compiled CLI, the build is stale. */
const BUILD_INPUTS = ['src', 'fuzz', 'properties', 'model', 'package.json', 'tsconfig.build.json'];

function newestMtimeMs(file: string): number {
  const info = statSync(file, { throwIfNoEntry: false });
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(file).reduce((newest, name) => Math.max(newest, newestMtimeMs(path.join(file, name))), info.mtimeMs);
}

/** True when the checkout has `npm run build` (the packaging's compiled build). @public */
export function canBuild(root = REPO_ROOT): boolean {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  return typeof pkg.scripts?.build === 'string';
}

/** True when the compiled CLI exists and nothing it is built from changed since. @public */
export function compiledIsFresh(root = REPO_ROOT, main = COMPILED_MAIN): boolean {
  if (!existsSync(main)) return false;
  const built = statSync(main).mtimeMs;
  return BUILD_INPUTS.every((input) => newestMtimeMs(path.join(root, input)) <= built);
}

/**
 * The product to measure: the sources when asked (`--sources`) or when the checkout has no
 * build; else the compiled CLI, (re)built first when missing or stale (`log` says so; the build
 * is not part of any time to kill).
 * @throws Error when `npm run build` fails
 * @public
 */
export function prepareProduct(sources: boolean, log: (line: string) => void): Product {
  if (sources || !canBuild()) return SOURCES;
  if (!compiledIsFresh()) {
    log('building the compiled CLI (npm run build) ...');
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (!existsSync(COMPILED_MAIN)) throw new Error(`npm run build did not make ${COMPILED_MAIN}: run with --sources, or fix the build`);
  }
  return COMPILED;
}
