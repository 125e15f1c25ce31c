/**
 * The flags that name the C code under test, shared by every command that builds it:
 * `--kernel-tree DIR` or `--c-source FILE [--c-header FILE]` (else `$GPUVM_KERNEL_TREE`,
 * `$GPUVM_C_SOURCE`, `$GPUVM_C_HEADER`, else the seed).
 */
import { buildDriver } from '../backends/c/build.ts';
import type { BuiltDriver, Instrumentation } from '../backends/c/build.ts';
import type { CTarget } from '../backends/c/cTarget.ts';
import { CTargetError, describeCTarget, resolveCTarget } from '../backends/c/cTarget.ts';
import type { FlagTable, FlagValues } from './command.ts';
import { UsageError } from './usage.ts';

/** The C target flags; spread them into a command's flag table. */
export const C_TARGET_FLAGS = {
  'kernel-tree': { type: 'string', value: 'DIR', help: 'test DIR/drivers/gpu/drm/drm_gpuvm.c with DIR/include/drm/drm_gpuvm.h (else $GPUVM_KERNEL_TREE)', default: 'the seed' },
  'c-source': { type: 'string', value: 'FILE', help: 'test this drm_gpuvm.c (else $GPUVM_C_SOURCE)', default: 'the seed' },
  'c-header': { type: 'string', value: 'FILE', help: "the drm_gpuvm.h to compile --c-source with (else $GPUVM_C_HEADER)", default: "its tree's, else ours" },
} as const satisfies FlagTable;

/** `--sanitize`, for the commands that build the C code. */
export const SANITIZE_FLAG = {
  sanitize: { type: 'boolean', help: 'build the C code with AddressSanitizer and UBSan (a sanitizer report is a finding)' },
} as const satisfies FlagTable;

/** The parsed values of {@link C_TARGET_FLAGS}. */
export type CTargetFlagValues = FlagValues<typeof C_TARGET_FLAGS>;

/**
 * Resolves the flags (else the environment, else the seed) to the C target and its era.
 * @throws UsageError naming the flag or variable of a file that does not exist
 */
export function cTargetFromFlags(values: CTargetFlagValues, env: NodeJS.ProcessEnv = process.env): CTarget {
  try {
    return resolveCTarget({ kernelTree: values['kernel-tree'], cSource: values['c-source'], cHeader: values['c-header'] }, env);
  } catch (error) {
    if (error instanceof CTargetError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * Says on `err` which C code the command tests (one line with its era), builds it (or takes it
 * from the cache) and shows gcc's warnings about the source when they are new, so that a cached
 * build does not repeat them on every run.
 * @returns the built driver
 * @throws NativeBuildError when it does not build
 */
export async function prepareCTarget(target: CTarget, sanitize: boolean, err: (line: string) => void, instrument?: Instrumentation): Promise<BuiltDriver> {
  err(describeCTarget(target));
  const built = await buildDriver({ target, sanitize, instrument });
  if (built.fresh && built.warnings !== '') err(`gcc warnings about ${target.cSource} (not fatal):\n${built.warnings}`);
  return built;
}
