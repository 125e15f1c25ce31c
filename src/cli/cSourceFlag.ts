/**
 * The C source a command tests: `--c-source PATH`, else `$GPUVM_C_SOURCE`, else the seed (which
 * the C backend's build finds). Checked before anything is built, naming where the path came from.
 */
import { C_SOURCE_ENV } from '../backends/c/build.ts';
import { checkInputFile, quotePath } from './paths.ts';
import { UsageError } from './usage.ts';

/**
 * The `--c-source` flag's path or the environment's, checked to be a readable file; undefined
 * when neither is set.
 * @throws UsageError naming the flag or the variable
 * @public
 */
export function cSourceFlag(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (flag !== undefined) {
    checkInputFile('c-source', flag);
    return flag;
  }
  const fromEnv = env[C_SOURCE_ENV];
  if (fromEnv === undefined || fromEnv === '') return undefined;
  try {
    checkInputFile('c-source', fromEnv);
  } catch (error) {
    throw new UsageError(`${C_SOURCE_ENV}=${quotePath(fromEnv)}: ${(error as Error).message.replace(/^--c-source: /, '')}`);
  }
  return fromEnv;
}

/**
 * Refuses C-only flags given with a backend that does not use them, instead of ignoring them.
 * @throws UsageError naming the flag
 * @public
 */
export function refuseCFlagsWithout(usesC: boolean, values: { readonly 'c-source'?: string | undefined; readonly sanitize?: boolean | undefined }, hint: string): void {
  if (usesC) return;
  if (values['c-source'] !== undefined) throw new UsageError(`--c-source applies to the C backend only; ${hint}`);
  if (values.sanitize) throw new UsageError(`--sanitize applies to the C backend only; ${hint}`);
}
