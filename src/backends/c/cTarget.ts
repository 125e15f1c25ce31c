/**
 * What the C backend compiles: a `drm_gpuvm.c`, the `drm_gpuvm.h` it is compiled with, and the
 * era read from both. Given as a kernel tree, as a source (with or without a header), through
 * the environment, or not at all (the seed with our clean-room header).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Era } from '../../era/era.ts';
import { describeEra, detectEra } from './detectEra.ts';
import { NativeBuildError } from './nativeBuildError.ts';
import { NATIVE_DIR, REPO_ROOT } from './paths.ts';

/** The seed, `../shared/seed/drm_gpuvm.c` relative to the repository root. @public */
export const DEFAULT_C_SOURCE = path.resolve(REPO_ROOT, '../shared/seed/drm_gpuvm.c');

/** The include directory of our clean-room `drm/drm_gpuvm.h` (nothing else is in it). @public */
export const CLEAN_ROOM_INCLUDE_DIR = path.join(NATIVE_DIR, 'api');

/** Our clean-room header of the seed's era, used when no header is given. @public */
export const CLEAN_ROOM_HEADER = path.join(CLEAN_ROOM_INCLUDE_DIR, 'drm', 'drm_gpuvm.h');

/** Where a kernel tree keeps the two files. @public */
export const TREE_SOURCE = path.join('drivers', 'gpu', 'drm', 'drm_gpuvm.c');
/** @public */
export const TREE_HEADER = path.join('include', 'drm', 'drm_gpuvm.h');

/** Environment variables standing in for the flags of the same names. @public */
export const C_SOURCE_ENV = 'GPUVM_C_SOURCE';
/** @public */
export const C_HEADER_ENV = 'GPUVM_C_HEADER';
/** @public */
export const KERNEL_TREE_ENV = 'GPUVM_KERNEL_TREE';

/**
 * Why a C command cannot run when nothing names the C code and the seed is not beside the
 * repository (always so for an installed package), and what to do.
 * @public
 */
export const NO_SEED_MESSAGE =
  `C source: none named, and the default, the seed (../shared/seed/drm_gpuvm.c beside a checkout of ` +
  `this repository), is not at ${DEFAULT_C_SOURCE}.\n` +
  `Name the C code to test: --kernel-tree DIR (a kernel tree), or --c-source FILE [--c-header FILE] ` +
  `(a drm_gpuvm.c), or set ${KERNEL_TREE_ENV} / ${C_SOURCE_ENV}.\n` +
  `Commands with --backend can test the TypeScript port alone: --backend ts.`;

/** How a caller names the C code; relative paths are taken from the current directory. @public */
export interface CTargetOptions {
  /** A `drm_gpuvm.c`. */
  readonly cSource?: string | undefined;
  /** The `drm_gpuvm.h` to compile it with. */
  readonly cHeader?: string | undefined;
  /** A directory laid out as a kernel tree, holding both. */
  readonly kernelTree?: string | undefined;
}

/** The C code to build, resolved. @public */
export interface CTarget {
  /** Absolute path of the `drm_gpuvm.c`. */
  readonly cSource: string;
  /** Absolute path of the `drm_gpuvm.h` it is compiled with ({@link CLEAN_ROOM_HEADER} for the seed). */
  readonly cHeader: string;
  readonly era: Era;
}

/** Which option (flag or variable) named a path, for error messages. @public */
export type CTargetOrigin = '--kernel-tree' | '--c-source' | '--c-header' | typeof KERNEL_TREE_ENV | typeof C_SOURCE_ENV | typeof C_HEADER_ENV;

/**
 * A path the caller named does not exist, or the options contradict each other; `origin` says
 * which flag or variable is at fault.
 * @public
 */
export class CTargetError extends NativeBuildError {
  constructor(
    readonly origin: CTargetOrigin,
    message: string,
  ) {
    super('source-missing', message);
    this.name = 'CTargetError';
  }
}

/** The paths named by options or, when none is given, by the environment. */
interface Named {
  readonly source: string;
  readonly header: string | null;
  /** Null for the seed, which nobody named. */
  readonly sourceOrigin: CTargetOrigin | null;
  readonly headerOrigin: CTargetOrigin;
}

function named(options: CTargetOptions, env: NodeJS.ProcessEnv): Named {
  const given = (v: string | undefined): string | undefined => (v === undefined || v === '' ? undefined : v);
  const fromFlags = given(options.kernelTree) ?? given(options.cSource) ?? given(options.cHeader);
  const tree = fromFlags !== undefined ? given(options.kernelTree) : given(env[KERNEL_TREE_ENV]);
  const source = fromFlags !== undefined ? given(options.cSource) : given(env[C_SOURCE_ENV]);
  const header = fromFlags !== undefined ? given(options.cHeader) : given(env[C_HEADER_ENV]);
  const flags = fromFlags !== undefined;
  if (tree !== undefined) {
    const treeOrigin = flags ? '--kernel-tree' : KERNEL_TREE_ENV;
    if (source !== undefined || header !== undefined) {
      throw new CTargetError(treeOrigin, `${treeOrigin} names both files; do not give ${flags ? '--c-source or --c-header' : `${C_SOURCE_ENV} or ${C_HEADER_ENV}`} with it`);
    }
    const dir = path.resolve(tree);
    if (!existsSync(dir)) throw new CTargetError(treeOrigin, `${treeOrigin}: no such directory '${tree}'`);
    if (!statSync(dir).isDirectory()) throw new CTargetError(treeOrigin, `${treeOrigin}: '${tree}' is not a directory`);
    return { source: path.join(dir, TREE_SOURCE), header: path.join(dir, TREE_HEADER), sourceOrigin: treeOrigin, headerOrigin: treeOrigin };
  }
  if (source === undefined && header !== undefined) {
    const origin = flags ? '--c-header' : C_HEADER_ENV;
    throw new CTargetError(origin, `${origin} needs the source it belongs to (${flags ? '--c-source' : C_SOURCE_ENV})`);
  }
  return {
    source: source === undefined ? DEFAULT_C_SOURCE : path.resolve(source),
    header: header === undefined ? null : path.resolve(header),
    sourceOrigin: source === undefined ? null : flags ? '--c-source' : C_SOURCE_ENV,
    headerOrigin: flags ? '--c-header' : C_HEADER_ENV,
  };
}

/**
 * The source's own header when none is named: the tree's, if the source sits in a kernel tree
 * (`<dir>/drivers/gpu/drm/drm_gpuvm.c` beside `<dir>/include/drm/drm_gpuvm.h`), else ours.
 */
function defaultHeader(source: string): string {
  if (source.endsWith(path.sep + TREE_SOURCE)) {
    const treeHeader = path.join(source.slice(0, -TREE_SOURCE.length), TREE_HEADER);
    if (existsSync(treeHeader)) return treeHeader;
  }
  return CLEAN_ROOM_HEADER;
}

/**
 * The header to name beside `target.cSource` so that the same target resolves again: null when
 * it is the one the source gets by default (its tree's, or ours for a lone source).
 * @public
 */
export function namedHeader(target: CTarget): string | null {
  return target.cHeader === defaultHeader(target.cSource) ? null : target.cHeader;
}

/**
 * The absolute path of the C source the options name, else the environment's
 * (`$GPUVM_KERNEL_TREE`, `$GPUVM_C_SOURCE`), else {@link DEFAULT_C_SOURCE}. Nothing is read.
 * @throws CTargetError when the options contradict each other or a kernel tree is missing
 * @public
 */
export function resolveCSource(options: CTargetOptions = {}, env: NodeJS.ProcessEnv = process.env): string {
  return named(options, env).source;
}

/**
 * Resolves options (else the environment, else the seed) to the files and their era.
 * @throws CTargetError naming the flag or variable of a file that does not exist
 * @public
 */
export function resolveCTarget(options: CTargetOptions = {}, env: NodeJS.ProcessEnv = process.env): CTarget {
  const n = named(options, env);
  if (existsSync(n.source) && statSync(n.source).isDirectory()) {
    throw new CTargetError(n.sourceOrigin ?? '--c-source', `${n.sourceOrigin ?? 'the seed'}: '${n.source}' is a directory; give a file`);
  }
  if (!existsSync(n.source)) {
    if (n.sourceOrigin === null) throw new CTargetError('--c-source', NO_SEED_MESSAGE);
    throw new CTargetError(n.sourceOrigin, `${n.sourceOrigin}: no such file '${n.source}'`);
  }
  const cHeader = n.header ?? defaultHeader(n.source);
  if (!existsSync(cHeader)) throw new CTargetError(n.headerOrigin, `${n.headerOrigin}: no such file '${cHeader}'`);
  if (statSync(cHeader).isDirectory()) throw new CTargetError(n.headerOrigin, `${n.headerOrigin}: '${cHeader}' is a directory; give a file`);
  return { cSource: n.source, cHeader, era: detectEra(readFileSync(n.source, 'utf8'), readFileSync(cHeader, 'utf8')) };
}

/**
 * The one line that names what the C backend tests, e.g.
 * `C source: /k/drivers/gpu/drm/drm_gpuvm.c (v6.18 era: vm_bo, quiet_range_check, map_req, madvise)`;
 * a header other than ours is named too.
 * @public
 */
export function describeCTarget(target: CTarget): string {
  const header = target.cHeader === CLEAN_ROOM_HEADER ? '' : ` with ${target.cHeader}`;
  return `C source: ${target.cSource}${header} (${describeEra(target.era)})`;
}
