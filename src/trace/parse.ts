/**
 * Reading trace text. Every malformed line is an error naming its file and line; nothing is
 * wrapped, truncated or skipped silently.
 */
import { U64_MAX } from '../u64.ts';
import type { ArgKind, Request, RequestKind } from './request.ts';
import { MAX_HANDLE, SIGNATURES } from './request.ts';

/** A trace that does not follow the format; `message` is `<file>:<line>: <what>`. @public */
export class TraceParseError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'TraceParseError';
  }
}

/** A parsed request with the line it came from. @public */
export interface ParsedRequest {
  readonly request: Request;
  readonly line: number;
}

const DECIMAL = /^[0-9]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;

/**
 * Parses a u64 written in decimal or `0x` hex.
 * @throws Error with a reason for anything else, including values above 2^64-1
 * @public
 */
export function parseU64(word: string): bigint {
  if (!DECIMAL.test(word) && !HEX.test(word)) throw new Error(`not a number: '${word}'`);
  const value = BigInt(word);
  if (value > U64_MAX) throw new Error(`number above 2^64-1: '${word}'`);
  return value;
}

function parseArg(kind: ArgKind, word: string): bigint | number | string {
  switch (kind) {
    case 'u64':
    case 'count':
      return parseU64(word);
    case 'mode':
      if (word !== 'list' && word !== 'cb') throw new Error(`mode must be 'list' or 'cb', got '${word}'`);
      return word;
    case 'obj':
    case 'handle': {
      const value = parseU64(word);
      const min = kind === 'handle' ? 1n : 0n;
      if (value < min || value > BigInt(MAX_HANDLE)) {
        throw new Error(`object handle must be ${min}..${MAX_HANDLE}, got '${word}'`);
      }
      return Number(value);
    }
  }
}

function isKind(word: string): word is RequestKind {
  return Object.hasOwn(SIGNATURES, word);
}

/** Parses one request line (comment already stripped, not blank). */
function parseRequest(words: readonly string[]): Request {
  const [word, ...rest] = words;
  if (word === undefined || !isKind(word)) throw new Error(`unknown request '${word}'`);
  const kinds = SIGNATURES[word];
  if (rest.length !== kinds.length) {
    throw new Error(`'${word}' takes ${kinds.length} argument(s), got ${rest.length}`);
  }
  return { kind: word, args: rest.map((w, i) => parseArg(kinds[i]!, w)) } as Request;
}

/**
 * Parses a whole trace and checks the order rule: nothing but `mode` before the first `init`, or
 * after `fini` until the next `init`.
 * @param file - the name used in error messages
 * @throws TraceParseError at the first malformed line
 * @public
 */
export function parseTrace(text: string, file = '<trace>'): ParsedRequest[] {
  const parsed: ParsedRequest[] = [];
  let active = false;
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((raw, index) => {
    const line = index + 1;
    const words = raw.replace(/#.*/, '').trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) return;
    let request: Request;
    try {
      request = parseRequest(words);
    } catch (error) {
      throw new TraceParseError(file, line, (error as Error).message);
    }
    if (request.kind === 'init') active = true;
    else if (request.kind !== 'mode' && !active) {
      throw new TraceParseError(file, line, `'${request.kind}' before 'init' (or after 'fini')`);
    }
    if (request.kind === 'fini') active = false;
    parsed.push({ request, line });
  });
  return parsed;
}
