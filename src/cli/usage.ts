/**
 * Command-line errors: a bad flag or argument is reported by name with exit code 2.
 */

/** A usage error; the CLI prints its message and exits 2. @public */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Exit codes shared by all subcommands. */
export const EXIT_OK = 0;
export const EXIT_FOUND = 1;
export const EXIT_USAGE = 2;
