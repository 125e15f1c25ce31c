/**
 * Builds the C driver (`native/`) together with a `drm_gpuvm.c` into a content-addressed cache,
 * on demand: `.cache/native/<sha256 of sources, compiler and flags>/gpuvm-driver`.
 *
 * A build goes to a private temporary directory that is renamed into place when complete, so
 * parallel test workers never see (or run) a half-written binary; whoever renames second throws
 * its copy away and uses the winner's, which is identical.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the directory holding `native/` and `src/`). @public */
export const REPO_ROOT = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)));

/** The C driver's sources and shim headers. @public */
export const NATIVE_DIR = path.join(REPO_ROOT, 'native');

/** The seed, `../shared/seed/drm_gpuvm.c` relative to the repository root. @public */
export const DEFAULT_C_SOURCE = path.resolve(REPO_ROOT, '../shared/seed/drm_gpuvm.c');

/** Environment variable naming the C source when neither the caller nor the CLI does. @public */
export const C_SOURCE_ENV = 'GPUVM_C_SOURCE';

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

/** Why a build failed. @public */
export type NativeBuildFailure = 'no-compiler' | 'source-missing' | 'compile-failed';

/**
 * The C driver could not be built; `message` says what to do about it.
 * @public
 */
export class NativeBuildError extends Error {
  constructor(
    readonly reason: NativeBuildFailure,
    message: string,
    /** gcc's diagnostics, for `compile-failed`. */
    readonly diagnostics = '',
  ) {
    super(message);
    this.name = 'NativeBuildError';
  }
}

/** Where the C source comes from. @public */
export interface CSourceOptions {
  /** Path of the `drm_gpuvm.c` to test; relative paths are taken from the current directory. */
  readonly cSource?: string | undefined;
}

/**
 * The absolute path of the C source to build: `options.cSource`, else `$GPUVM_C_SOURCE`, else
 * {@link DEFAULT_C_SOURCE}. The file is not checked here; {@link buildDriver} does that.
 * @public
 */
export function resolveCSource(options: CSourceOptions = {}, env: NodeJS.ProcessEnv = process.env): string {
  const given = options.cSource ?? env[C_SOURCE_ENV];
  return given !== undefined && given !== '' ? path.resolve(given) : DEFAULT_C_SOURCE;
}

/**
 * The gcc flags of a build. Warnings are errors: the seed must compile unmodified and
 * warning-free against the shims.
 * @public
 */
export function compilerFlags(sanitize: boolean): string[] {
  const flags = ['-std=gnu11', '-O2', '-Wall', '-Wextra', '-Werror'];
  if (sanitize) {
    // LeakSanitizer comes with AddressSanitizer on Linux.
    flags.push('-fsanitize=address,undefined', '-fno-sanitize-recover=all', '-fno-omit-frame-pointer', '-g');
  }
  return flags;
}

/** What to build. @public */
export interface BuildOptions extends CSourceOptions {
  /** Build with AddressSanitizer, LeakSanitizer and UBSan. */
  readonly sanitize?: boolean | undefined;
}

/** A built driver. @public */
export interface BuiltDriver {
  /** Absolute path of the executable. */
  readonly binary: string;
  /** The C source it was built from. */
  readonly cSource: string;
  readonly sanitize: boolean;
}

/** Builds already done or under way in this process, by cache key. */
const inFlight = new Map<string, Promise<BuiltDriver>>();

/**
 * Returns the driver built from the options' C source, compiling it unless the cache has it.
 * @throws NativeBuildError when gcc is missing, the source is missing, or compilation fails
 * @public
 */
export async function buildDriver(options: BuildOptions = {}): Promise<BuiltDriver> {
  const cSource = resolveCSource(options);
  const sanitize = options.sanitize ?? false;
  if (!existsSync(cSource)) {
    throw new NativeBuildError(
      'source-missing',
      `C source not found: ${cSource}\n` +
        `Pass the path of a drm_gpuvm.c with --c-source PATH (or ${C_SOURCE_ENV}=PATH), ` +
        `or put the seed at ${DEFAULT_C_SOURCE}.`,
    );
  }
  const compiler = await compilerVersion();
  const driverSources = await listDriverSources();
  const flags = compilerFlags(sanitize);
  const key = await cacheKey(compiler, flags, cSource, driverSources);

  let build = inFlight.get(key);
  if (!build) {
    build = buildInto(key, cSource, driverSources, flags, sanitize);
    inFlight.set(key, build);
    build.catch(() => inFlight.delete(key));
  }
  return build;
}

function run(file: string, args: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // LC_ALL=C: plain ASCII quotes in gcc's diagnostics, whatever the user's locale.
    const env = { ...process.env, LC_ALL: 'C' };
    execFile(file, args, { env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stdout, stderr }));
      else resolve({ stdout, stderr });
    });
  });
}

/** gcc's version and target, part of the cache key: another compiler makes another binary. */
async function compilerVersion(): Promise<string> {
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

/** The `.c` files of the driver, relative to `native/`. */
async function listDriverSources(): Promise<string[]> {
  const files = await listNativeFiles();
  return files.filter(
    (f) => f.endsWith('.c') && (f === 'driver.c' || DRIVER_C_DIRS.includes(path.dirname(f))),
  );
}

async function cacheKey(compiler: string, flags: readonly string[], cSource: string, driverSources: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  const field = (label: string, value: string | Buffer) => {
    hash.update(`${label}\0${value.length}\0`);
    hash.update(value);
  };
  field('compiler', compiler);
  field('flags', flags.join(' '));
  field('driver-sources', driverSources.join(' '));
  field('c-source', await readFile(cSource));
  // Headers count too: every file under native/ goes in.
  for (const file of await listNativeFiles()) field(`native/${file}`, await readFile(path.join(NATIVE_DIR, file)));
  return hash.digest('hex');
}

async function buildInto(
  key: string,
  cSource: string,
  driverSources: readonly string[],
  flags: readonly string[],
  sanitize: boolean,
): Promise<BuiltDriver> {
  const cacheRoot = path.join(REPO_ROOT, '.cache', 'native');
  const finalDir = path.join(cacheRoot, key);
  const built: BuiltDriver = { binary: path.join(finalDir, DRIVER_BINARY_NAME), cSource, sanitize };
  if (existsSync(built.binary)) return built;

  await mkdir(cacheRoot, { recursive: true });
  const tempDir = path.join(cacheRoot, `.tmp-${key.slice(0, 16)}-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(tempDir);
  try {
    const args = [
      ...flags,
      ...SHIM_INCLUDE_DIRS.flatMap((dir) => ['-I', dir]),
      '-o',
      path.join(tempDir, DRIVER_BINARY_NAME),
      cSource,
      ...driverSources.map((f) => path.join(NATIVE_DIR, f)),
    ];
    try {
      await run(CC, args);
    } catch (error) {
      const diagnostics = String((error as { stderr?: unknown }).stderr ?? '').trim();
      throw new NativeBuildError(
        'compile-failed',
        `gcc failed to build the C driver from ${cSource}` +
          `${sanitize ? ' (sanitizer build)' : ''}; the source must compile unmodified and warning-free ` +
          `against native/. gcc said:\n${diagnostics || (error as Error).message}`,
        diagnostics,
      );
    }
    await writeFile(
      path.join(tempDir, 'build.json'),
      `${JSON.stringify({ cSource, sanitize, command: [CC, ...args.map((a) => a.replace(tempDir, finalDir))] }, null, 2)}\n`,
    );
    try {
      await rename(tempDir, finalDir);
    } catch (error) {
      // Another worker finished the same build first: its binary is as good as ours.
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'EEXIST' && code !== 'ENOTEMPTY') || !existsSync(built.binary)) throw error;
    }
  } finally {
    await rm(tempDir, { recursive: true, force: true });
  }
  return built;
}
