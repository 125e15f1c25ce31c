/**
 * Flag parsing on top of node:util's parseArgs, from a command's flag table (command.ts), turning
 * its errors into UsageErrors that name the offending flag and point at the command's `--help`.
 */
import { parseArgs } from 'node:util';
import { excerpt } from '../trace/excerpt.ts';
import type { Command, FlagTable, FlagValues } from './command.ts';
import { UsageError } from './usage.ts';

/** node:util's messages quote the bad argument whole, twice: keep them short and escaped. */
function tame(message: string): string {
  return message
    .split('\n')
    .map((line) => excerpt(line, 160))
    .join('\n');
}

/** The message of a parseArgs error: an unknown option quoted short, the others tamed. */
function messageOf(error: Error & { code?: string }, command: string): string {
  const unknown = error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /^Unknown option '(.*?)'(?:\. To specify|$)/s.exec(error.message) : null;
  if (unknown) return `${command}: Unknown option '${excerpt(unknown[1]!)}' (see gpuvm-check ${command} --help)`;
  return `${command}: ${tame(error.message)}`;
}

/** Whether `argv` asks for help: `--help` or `-h` before any `--`. @public */
export function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/**
 * Parses `argv` against the flags of `command`; positionals allowed.
 * @throws UsageError naming the flag
 * @public
 */
export function parseFlags<F extends FlagTable>(argv: string[], command: Pick<Command<F>, 'name' | 'flags'>): { values: FlagValues<F>; positionals: string[] } {
  const options = Object.fromEntries(
    Object.entries(command.flags).map(([name, f]) => [name, f.short === undefined ? { type: f.type } : { type: f.type, short: f.short }]),
  );
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as FlagValues<F>, positionals };
  } catch (error) {
    throw new UsageError(messageOf(error as Error, command.name));
  }
}

/** The value of a choice flag, checked against its allowed values. */
export function choice<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}, got '${excerpt(value)}'`);
  }
  return value as T;
}
