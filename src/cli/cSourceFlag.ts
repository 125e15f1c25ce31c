/**
 * The C code a command tests, checked before anything is built: the paths of `--kernel-tree`,
 * `--c-source` and `--c-header` must be what they say (a directory, files), and C-only flags are
 * refused with a backend that would ignore them. See cTarget.ts for how the target is resolved.
 */
import type { CTarget } from '../backends/c/cTarget.ts';
import type { CTargetFlagValues } from './cTarget.ts';
import { cTargetFromFlags } from './cTarget.ts';
import { checkInputDir, checkInputFile } from './paths.ts';
import { UsageError } from './usage.ts';

/**
 * The C target of the flags (else the environment, else the seed), its paths checked first.
 * @throws UsageError naming the flag or the variable
 * @public
 */
export function cTargetOf(values: CTargetFlagValues): CTarget {
  if (values['kernel-tree'] !== undefined) checkInputDir('kernel-tree', values['kernel-tree']);
  if (values['c-source'] !== undefined) checkInputFile('c-source', values['c-source']);
  // A header without its source is cTargetFromFlags' to refuse, with the reason.
  if (values['c-header'] !== undefined && values['c-source'] !== undefined) checkInputFile('c-header', values['c-header']);
  return cTargetFromFlags(values);
}

/**
 * Refuses C-only flags given with a backend that does not use them, instead of ignoring them.
 * @throws UsageError naming the flag
 * @public
 */
export function refuseCFlagsWithout(usesC: boolean, values: CTargetFlagValues & { readonly sanitize?: boolean | undefined }, hint: string): void {
  if (usesC) return;
  for (const flag of ['kernel-tree', 'c-source', 'c-header'] as const) {
    if (values[flag] !== undefined) throw new UsageError(`--${flag} applies to the C backend only; ${hint}`);
  }
  if (values.sanitize) throw new UsageError(`--sanitize applies to the C backend only; ${hint}`);
}
