/**
 * Whether a mutated `drm_gpuvm.c` compiles, at the kernel's warning level: gcc with the C
 * backend's flags and shim include directories but without `-Werror`, so a mutant that only
 * draws a warning (an unused variable or label, an empty `if` body) is kept.
 *
 * The C backend itself builds with `-Werror` (the seed must be warning-free), so the copy a
 * campaign builds gets {@link buildableText}: the same code with gcc told, on its first line, to
 * keep warnings warnings.
 */
import { execFile } from 'node:child_process';
import { compilerFlags, SHIM_INCLUDE_DIRS } from '../../src/backends/c/build.ts';

/** The flags of the syntax check: the backend's, without `-Werror`. @public */
export function kernelLevelFlags(): string[] {
  return compilerFlags(false).filter((f) => f !== '-Werror' && !f.startsWith('-O'));
}

/** What gcc said about a mutant: null when it compiles, else its first error. @public */
export function syntaxCheck(cFile: string): Promise<string | null> {
  const args = ['-fsyntax-only', ...kernelLevelFlags(), ...SHIM_INCLUDE_DIRS.flatMap((d) => ['-I', d]), cFile];
  return new Promise((resolve, reject) => {
    execFile('gcc', args, { env: { ...process.env, LC_ALL: 'C' }, maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (!error) return resolve(null);
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return reject(new Error('gcc not found on PATH: the C mutants need it'));
      const first = stderr.split('\n').find((l) => /\berror\b/.test(l));
      resolve((first ?? (stderr.trim() || error.message)).trim());
    });
  });
}

/**
 * Prefix of the first line: warnings stay warnings under `-Werror`. `_Pragma` rather than
 * `#pragma` so that no line is added and every line keeps its number.
 */
const KEEP_WARNINGS = '_Pragma("GCC diagnostic warning \\"-Wall\\"") _Pragma("GCC diagnostic warning \\"-Wextra\\"") ';

/** `text` that the backend's `-Werror` build accepts whenever gcc accepts it without `-Werror`. @public */
export function buildableText(text: string): string {
  return KEEP_WARNINGS + text;
}
