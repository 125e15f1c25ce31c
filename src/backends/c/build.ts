/**
 * Builds the C driver (`native/`) together with a `drm_gpuvm.c` into a content-addressed cache,
 * on demand: `<cache>/native/<sha256 of sources, header, era, compiler and flags>/gpuvm-driver`, the
 * cache being the user's (cacheDir.ts).
 *
 * Two compilations, side by side: the source under test with the kernel's own warning level
 * (warnings are reported, never fatal: it is the user's code), and our driver and shims with
 * `-Wall -Wextra -Werror`; then one link. Both see the same `drm_gpuvm.h` (ours for the seed,
 * else the user's) and the same era macros.
 *
 * A build goes to a private temporary directory that is renamed into place when complete, so
 * parallel test workers never see (or run) a half-written binary; whoever renames second throws
 * its copy away and uses the winner's, which is identical.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CTarget, CTargetOptions } from './cTarget.ts';
import { CLEAN_ROOM_HEADER, CLEAN_ROOM_INCLUDE_DIR, describeCTarget, resolveCTarget } from './cTarget.ts';
import { eraDefines, SUPPORTED_ERAS } from './detectEra.ts';
import { NativeBuildError } from './nativeBuildError.ts';
import { nativeCacheDir } from './cacheDir.ts';
import { NATIVE_DIR } from './paths.ts';

/** File name of the driver binary inside its cache directory. @public */
export const DRIVER_BINARY_NAME = 'gpuvm-driver';

/** The compiler; the native code is written for gcc (GNU C, `#include_next`). */
const CC = 'gcc';

/**
 * Shim include directories, in search order: duplicated kernel semantics, no-op stubs, test
 * hooks (see native/README.md).
 * @public
 */
export const SHIM_INCLUDE_DIRS: readonly string[] = ['include', 'stubs', 'hooks'].map((d) => path.join(NATIVE_DIR, d));

/** Directories (under `native/`) whose `.c` files make up the driver, besides `driver.c`. */
const DRIVER_C_DIRS = ['driver', 'lib', 'hooks'];

/** Errors of a source that does not compile shown in the message; gcc's full text stays in `diagnostics`. */
const ERRORS_SHOWN = 8;

/** A temporary build directory this old belongs to a build that was killed. */
const STALE_TEMP_MS = 10 * 60 * 1000;

function sanitizerFlags(sanitize: boolean): string[] {
  // LeakSanitizer comes with AddressSanitizer on Linux.
  return sanitize ? ['-fsanitize=address,undefined', '-fno-sanitize-recover=all', '-fno-omit-frame-pointer', '-g'] : [];
}

/**
 * The gcc flags of our own code (driver and shims): warnings are errors, so that what we
 * write stays warning-free.
 * @public
 */
export function compilerFlags(sanitize: boolean): string[] {
  return ['-std=gnu11', '-O2', '-Wall', '-Wextra', '-Werror', ...sanitizerFlags(sanitize)];
}

/**
 * The gcc flags of the `drm_gpuvm.c` under test: about the kernel's own default warning level
 * (`-Wall` less what the kernel's Makefiles turn off, the same few errors it insists on, its
 * aliasing and common-symbol rules), never `-Werror`.
 * @public
 */
export function sourceFlags(sanitize: boolean): string[] {
  return [
    '-std=gnu11',
    '-O2',
    '-fno-strict-aliasing',
    '-fno-common',
    '-Wall',
    '-Wundef',
    '-Wmissing-prototypes',
    '-Wno-trigraphs',
    '-Wno-format-security',
    '-Wno-unused-but-set-variable',
    '-Wno-unused-const-variable',
    '-Wno-pointer-sign',
    '-Werror=implicit-function-declaration',
    '-Werror=implicit-int',
    '-Werror=return-type',
    ...sanitizerFlags(sanitize),
  ];
}

/**
 * Extra instrumentation of the source under test alone (never our driver or shims), each a
 * cache variant of its own: `edges`, gcc's `-fsanitize-coverage=trace-pc` feeding the driver's
 * edge map (native/driver/edges.h); `gcov`, gcc's line and branch coverage (`--coverage` at -O0,
 * so that lines and branches are the source's own; the driver stays at -O2 and only links
 * libgcov), counts going to `drm_gpuvm.gcda` under `$GCOV_PREFIX` (src/coverage/gcovRun.ts).
 * @public
 */
export type Instrument = 'edges' | 'gcov';

/** One instrumentation, or several together (their flags combined). @public */
export type Instrumentation = Instrument | readonly Instrument[];

/** What an instrumentation adds to the source's compilation, the driver's, and the link. */
interface InstrumentFlags {
  readonly source: string[];
  readonly driver: string[];
  readonly link: string[];
}

const INSTRUMENT_FLAGS: Readonly<Record<Instrument, InstrumentFlags>> = {
  edges: { source: ['-fsanitize-coverage=trace-pc'], driver: ['-DDRIVER_EDGES'], link: [] },
  gcov: { source: ['--coverage', '-O0'], driver: ['-DDRIVER_GCOV'], link: ['--coverage'] },
};

function instrumentFlags(instrumentation: Instrumentation | undefined): InstrumentFlags {
  const each = [...new Set(typeof instrumentation === 'string' ? [instrumentation] : (instrumentation ?? []))].sort().map((i) => INSTRUMENT_FLAGS[i]);
  return { source: each.flatMap((f) => f.source), driver: each.flatMap((f) => f.driver), link: each.flatMap((f) => f.link) };
}

/** What to build. @public */
export interface BuildOptions extends CTargetOptions {
  /** The resolved target; when given, the path options are not looked at. */
  readonly target?: CTarget | undefined;
  /** Build with AddressSanitizer, LeakSanitizer and UBSan. */
  readonly sanitize?: boolean | undefined;
  /** Instrument the source under test (a separate cache entry). */
  readonly instrument?: Instrumentation | undefined;
}

/** A built driver. @public */
export interface BuiltDriver {
  /** Absolute path of the executable. */
  readonly binary: string;
  /** What it was built from. */
  readonly target: CTarget;
  /** The C source it was built from (`target.cSource`). */
  readonly cSource: string;
  readonly sanitize: boolean;
  /** gcc's warnings about the source under test ('' when none). */
  readonly warnings: string;
  /** True when this call compiled it, false when it came from the cache. */
  readonly fresh: boolean;
}

/** Builds already done or under way in this process, by cache key. */
const inFlight = new Map<string, Promise<BuiltDriver>>();

/**
 * Returns the driver built from the options' C target, compiling it unless the cache has it.
 * @throws NativeBuildError when gcc is missing, a file is missing, or compilation fails
 * @public
 */
export async function buildDriver(options: BuildOptions = {}): Promise<BuiltDriver> {
  const target = options.target ?? resolveCTarget(options);
  const sanitize = options.sanitize ?? false;
  const compiler = await compilerVersion();
  const driverSources = await listDriverSources();
  const flags = instrumentFlags(options.instrument);
  const key = await cacheKey(compiler, target, sanitize, driverSources, flags);

  // Another path may hold the same bytes (a copy, another tree of the same release): the binary
  // is shared, the target stays the caller's.
  const earlier = inFlight.get(key);
  if (earlier) return earlier.then((built) => ({ ...built, target, cSource: target.cSource, fresh: false }));
  const build = buildInto(key, target, driverSources, sanitize, flags);
  inFlight.set(key, build);
  build.catch(() => inFlight.delete(key));
  return build;
}

function run(file: string, args: readonly string[], cwd?: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // LC_ALL=C: plain ASCII quotes in gcc's diagnostics, whatever the user's locale.
    const env = { ...process.env, LC_ALL: 'C' };
    execFile(file, args, { env, cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stdout, stderr }));
      else resolve({ stdout, stderr });
    });
  });
}

/** {@link askCompilerVersion}'s answers by PATH: a campaign looks its driver up several times, each a cache-key computation. */
const compilerVersions = new Map<string, Promise<string>>();

/** gcc's version and target, part of the cache key: another compiler makes another binary. */
function compilerVersion(): Promise<string> {
  const pathVar = process.env.PATH ?? '';
  let version = compilerVersions.get(pathVar);
  if (!version) {
    version = askCompilerVersion();
    compilerVersions.set(pathVar, version);
    version.catch(() => compilerVersions.delete(pathVar));
  }
  return version;
}

async function askCompilerVersion(): Promise<string> {
  try {
    const version = await run(CC, ['-dumpfullversion']);
    const machine = await run(CC, ['-dumpmachine']);
    return `${version.stdout.trim()} ${machine.stdout.trim()}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new NativeBuildError(
        'no-compiler',
        `gcc not found on PATH; the C backend compiles native/ and drm_gpuvm.c with it. ` +
          `Install gcc (e.g. apt-get install gcc) or use the TypeScript backend.`,
      );
    }
    throw error;
  }
}

/** Every file under `native/` (sorted, relative), which all feed the cache key. */
async function listNativeFiles(dir = NATIVE_DIR): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listNativeFiles(full)));
    else if (entry.isFile()) files.push(path.relative(NATIVE_DIR, full));
  }
  return files.sort();
}

/**
 * The `.c` files of the driver, relative to `native/`. Their base names are distinct: they are
 * compiled in one directory, each to `<base>.o`.
 */
async function listDriverSources(): Promise<string[]> {
  const files = await listNativeFiles();
  const sources = files.filter((f) => f.endsWith('.c') && (f === 'driver.c' || DRIVER_C_DIRS.includes(path.dirname(f))));
  const bases = sources.map((f) => path.basename(f));
  const twice = bases.find((b, i) => bases.indexOf(b) !== i);
  if (twice !== undefined) throw new Error(`native/: two driver sources named ${twice}; their objects would collide`);
  return sources;
}

async function cacheKey(
  compiler: string,
  target: CTarget,
  sanitize: boolean,
  driverSources: readonly string[],
  instrument: InstrumentFlags,
): Promise<string> {
  const hash = createHash('sha256');
  const field = (label: string, value: string | Buffer) => {
    hash.update(`${label}\0${value.length}\0`);
    hash.update(value);
  };
  field('compiler', compiler);
  field('source-flags', [...sourceFlags(sanitize), ...instrument.source].join(' '));
  field('driver-flags', [...compilerFlags(sanitize), ...instrument.driver].join(' '));
  if (instrument.link.length > 0) field('link-flags', instrument.link.join(' '));
  field('era', eraDefines(target.era).join(' '));
  field('driver-sources', driverSources.join(' '));
  field('c-source', await readFile(target.cSource));
  field('c-header', target.cHeader === CLEAN_ROOM_HEADER ? 'clean-room' : await readFile(target.cHeader));
  // Headers count too: every file under native/ goes in.
  for (const file of await listNativeFiles()) field(`native/${file}`, await readFile(path.join(NATIVE_DIR, file)));
  return hash.digest('hex');
}

/** Removes temporary directories left by builds that were killed before they could clean up. */
async function sweepStaleTempDirs(cacheDir: string): Promise<void> {
  for (const name of await readdir(cacheDir)) {
    if (!name.startsWith('.tmp-')) continue;
    const dir = path.join(cacheDir, name);
    const info = await stat(dir).catch(() => null);
    if (info && Date.now() - info.mtimeMs > STALE_TEMP_MS) await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The include options that make `<drm/drm_gpuvm.h>` the target's header. The user's header is
 * reached through a directory holding only it (a symlink), never through its own directory,
 * whose other headers are the kernel's and must not replace our shims. Our driver sees it as a
 * system header: warnings in the user's header are the user's business, not a build error.
 */
async function headerIncludes(target: CTarget, buildDir: string): Promise<{ source: string[]; driver: string[] }> {
  if (target.cHeader === CLEAN_ROOM_HEADER) {
    return { source: ['-I', CLEAN_ROOM_INCLUDE_DIR], driver: ['-I', CLEAN_ROOM_INCLUDE_DIR] };
  }
  const dir = path.join(buildDir, 'header');
  await mkdir(path.join(dir, 'drm'), { recursive: true });
  await symlink(target.cHeader, path.join(dir, 'drm', 'drm_gpuvm.h'));
  return { source: ['-I', dir], driver: ['-isystem', dir] };
}

/** The message for gcc's failure: the first errors, what we detected and what we support. */
function compileFailure(target: CTarget, what: string, diagnostics: string, sanitize: boolean): NativeBuildError {
  const errors = diagnostics.split('\n').filter((line) => / (fatal )?error: /.test(line));
  const shown = errors.slice(0, ERRORS_SHOWN).map((line) => `  ${line}\n`).join('');
  const more = errors.length > ERRORS_SHOWN ? `  ... ${errors.length} errors in all; the first ${ERRORS_SHOWN} shown\n` : '';
  return new NativeBuildError(
    'compile-failed',
    `gcc failed to compile ${what}${sanitize ? ' (sanitizer build)' : ''}.\n` +
      `${describeCTarget(target)}\n` +
      (shown || `${diagnostics}\n`) +
      more +
      `Supported: ${SUPPORTED_ERAS}. Includes other than drm/drm_gpuvm.h come from our shims in ` +
      `native/ (see native/README.md); pass the header of the same tree with --c-header or --kernel-tree.`,
    diagnostics,
  );
}

async function gcc(args: readonly string[], onError: (diagnostics: string) => NativeBuildError, cwd?: string): Promise<string> {
  try {
    return (await run(CC, args, cwd)).stderr.trim();
  } catch (error) {
    throw onError(String((error as { stderr?: unknown }).stderr ?? '').trim() || (error as Error).message);
  }
}

async function buildInto(
  key: string,
  target: CTarget,
  driverSources: readonly string[],
  sanitize: boolean,
  instrument: InstrumentFlags,
): Promise<BuiltDriver> {
  const cacheDir = nativeCacheDir();
  const finalDir = path.join(cacheDir, key);
  const binary = path.join(finalDir, DRIVER_BINARY_NAME);
  if (existsSync(binary)) {
    const recorded = JSON.parse(await readFile(path.join(finalDir, 'build.json'), 'utf8')) as { warnings?: string };
    return { binary, target, cSource: target.cSource, sanitize, warnings: recorded.warnings ?? '', fresh: false };
  }

  await mkdir(cacheDir, { recursive: true });
  await sweepStaleTempDirs(cacheDir);
  const tempDir = path.join(cacheDir, `.tmp-${key.slice(0, 16)}-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(tempDir);
  try {
    const includes = await headerIncludes(target, tempDir);
    const defines = eraDefines(target.era);
    const shims = SHIM_INCLUDE_DIRS.flatMap((dir) => ['-I', dir]);
    const object = path.join(tempDir, 'drm_gpuvm.o');
    const sourceArgs = [...sourceFlags(sanitize), ...instrument.source, ...defines, ...includes.source, ...shims, '-c', target.cSource, '-o', object];
    // gcc names the user's header by its link in the build directory; the user knows it by its own path.
    const linked = path.join(tempDir, 'header', 'drm', 'drm_gpuvm.h');
    const own = (text: string): string => text.replaceAll(linked, target.cHeader);
    // The driver compiles while the source does (two cores), each file to <base>.o in objDir.
    const objDir = path.join(tempDir, 'driver');
    await mkdir(objDir);
    const driverArgs = [...compilerFlags(sanitize), ...instrument.driver, ...defines, ...shims, ...includes.driver, '-c', ...driverSources.map((f) => path.join(NATIVE_DIR, f))];
    const [source, driver] = await Promise.allSettled([
      gcc(sourceArgs, (d) => compileFailure(target, target.cSource, own(d), sanitize)),
      gcc(driverArgs, (d) => compileFailure(target, `the C driver (native/) against ${target.cHeader}`, own(d), sanitize), objDir),
    ]);
    if (source.status === 'rejected') throw source.reason;
    if (driver.status === 'rejected') throw driver.reason;
    const warnings = own(source.value);
    const objects = driverSources.map((f) => path.join(objDir, `${path.basename(f, '.c')}.o`));
    const linkArgs = [...compilerFlags(sanitize), ...instrument.link, '-o', path.join(tempDir, DRIVER_BINARY_NAME), ...objects, object];
    await gcc(linkArgs, (d) => compileFailure(target, 'the C driver (linking)', own(d), sanitize));
    // The driver's objects are compiled in driver/ (gcc -c writes into the working directory).
    const commands = [sourceArgs, driverArgs, linkArgs].map((args) => [CC, ...args.map((a) => a.replaceAll(tempDir, finalDir))]);
    const era = { label: target.era.label, features: [...target.era.features] };
    await writeFile(
      path.join(tempDir, 'build.json'),
      `${JSON.stringify({ cSource: target.cSource, cHeader: target.cHeader, era, sanitize, warnings, commands }, null, 2)}\n`,
    );
    try {
      await rename(tempDir, finalDir);
    } catch (error) {
      // Another worker finished the same build first: its binary is as good as ours.
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'EEXIST' && code !== 'ENOTEMPTY') || !existsSync(binary)) throw error;
    }
    return { binary, target, cSource: target.cSource, sanitize, warnings, fresh: true };
  } finally {
    await rm(tempDir, { recursive: true, force: true });
  }
}
