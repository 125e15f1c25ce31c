/**
 * Flag parsing on top of node:util's parseArgs, turning its errors into UsageErrors that name
 * the offending flag.
 */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { excerpt } from '../trace/excerpt.ts';
import { UsageError } from './usage.ts';

/** node:util's messages quote the bad argument whole, twice: keep them short and escaped. */
function tame(message: string): string {
  return message
    .split('\n')
    .map((line) => excerpt(line, 160))
    .join('\n');
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses `argv` against `options`; positionals allowed. */
export function parseFlags<O extends Options>(argv: string[], options: O, command: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${command}: ${tame((error as Error).message)}`);
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
