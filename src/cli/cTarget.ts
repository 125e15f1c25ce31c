/**
 * The flags that name the C code under test, shared by every command that builds it:
 * `--kernel-tree DIR` or `--c-source FILE [--c-header FILE]` (else `$GPUVM_KERNEL_TREE`,
 * `$GPUVM_C_SOURCE`, `$GPUVM_C_HEADER`, else the seed).
 */
import { buildDriver } from '../backends/c/build.ts';
import type { BuiltDriver, Instrumentation } from '../backends/c/build.ts';
import type { CTarget } from '../backends/c/cTarget.ts';
import { CTargetError, describeCTarget, resolveCTarget } from '../backends/c/cTarget.ts';
import { UsageError } from './usage.ts';

/** The parseArgs option spec of the C target flags; spread it into a command's options. */
export const C_TARGET_FLAGS = {
  'kernel-tree': { type: 'string' },
  'c-source': { type: 'string' },
  'c-header': { type: 'string' },
} as const;

/** The parsed values of {@link C_TARGET_FLAGS}. */
export interface CTargetFlagValues {
  readonly 'kernel-tree'?: string | undefined;
  readonly 'c-source'?: string | undefined;
  readonly 'c-header'?: string | undefined;
}

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
