/**
 * Reading trace text. Every malformed line is an error naming its file and line and quoting at
 * most a short escaped excerpt of it; nothing is wrapped, truncated or skipped silently.
 *
 * Line ends: LF, or CRLF (the CR is dropped). A CR anywhere else is an error, not a blank: a file
 * with CR-only line ends would otherwise read as one long line of many words. A NUL byte is an
 * error (a binary file), and so is a line longer than {@link MAX_LINE_LENGTH}. The C driver's
 * parser (native/driver/trace.c) applies the same rules with the same limits.
 */
import { U64_MAX } from '../u64.ts';
import { excerpt } from './excerpt.ts';
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

/** The longest line a trace may have, in characters (bytes for a file), its line end excluded. @public */
export const MAX_LINE_LENGTH = 4096;

/** Blanks that separate words: space, tab, VT, FF (as the C driver's parser). */
const BLANKS = /[ \t\v\f]+/;

const DECIMAL = /^[0-9]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;

/**
 * Parses a u64 written in decimal or `0x` hex.
 * @throws Error with a reason for anything else, including values above 2^64-1
 * @public
 */
export function parseU64(word: string): bigint {
  if (!DECIMAL.test(word) && !HEX.test(word)) throw new Error(`not a number: '${excerpt(word)}'`);
  const value = BigInt(word);
  if (value > U64_MAX) throw new Error(`number above 2^64-1: '${excerpt(word)}'`);
  return value;
}

function parseArg(kind: ArgKind, word: string): bigint | number | string {
  switch (kind) {
    case 'u64':
    case 'count':
      return parseU64(word);
    case 'mode':
      if (word !== 'list' && word !== 'cb') throw new Error(`mode must be 'list' or 'cb', got '${excerpt(word)}'`);
      return word;
    case 'obj':
    case 'handle': {
      const value = parseU64(word);
      const min = kind === 'handle' ? 1n : 0n;
      if (value < min || value > BigInt(MAX_HANDLE)) {
        throw new Error(`object handle must be ${min}..${MAX_HANDLE}, got '${excerpt(word)}'`);
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
  if (word === undefined || !isKind(word)) throw new Error(`unknown request '${excerpt(word ?? '')}'`);
  const kinds = SIGNATURES[word];
  if (rest.length !== kinds.length) {
    throw new Error(`'${word}' takes ${kinds.length} argument(s), got ${rest.length}`);
  }
  return { kind: word, args: rest.map((w, i) => parseArg(kinds[i]!, w)) } as Request;
}

/**
 * What is wrong with the characters of a line (its line end removed), or null.
 */
function lineDefect(text: string): string | null {
  if (text.length > MAX_LINE_LENGTH) return `line longer than ${MAX_LINE_LENGTH} characters: '${excerpt(text)}'`;
  const nul = text.indexOf('\0');
  if (nul >= 0) return `NUL byte at column ${nul + 1} (a binary file?): '${excerpt(text)}'`;
  const cr = text.indexOf('\r');
  if (cr >= 0) {
    return `carriage return at column ${cr + 1} inside a line (CR-only line ends? lines end with LF or CRLF): '${excerpt(text)}'`;
  }
  return null;
}

/**
 * A parser fed one line at a time, for traces too long to hold: it keeps only the line number and
 * the order rule's state (nothing but `mode` before the first `init`, or after `fini` until the
 * next `init`).
 * @public
 */
export class TraceParser {
  private lineNumber = 0;
  private active = false;
  private count = 0;

  /** @param file - the name used in error messages */
  constructor(readonly file = '<trace>') {}

  /** The number of the line parsed last. */
  get line(): number {
    return this.lineNumber;
  }

  /** How many requests the lines so far held. */
  get requests(): number {
    return this.count;
  }

  /**
   * Parses the next line, given without its LF.
   * @returns the request, or null for a blank or comment line
   * @throws TraceParseError naming the file and line
   */
  next(raw: string): Request | null {
    const line = ++this.lineNumber;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const defect = lineDefect(text);
    if (defect !== null) throw new TraceParseError(this.file, line, defect);
    const words = text.replace(/#.*/, '').split(BLANKS).filter(Boolean);
    if (words.length === 0) return null;
    let request: Request;
    try {
      request = parseRequest(words);
    } catch (error) {
      throw new TraceParseError(this.file, line, (error as Error).message);
    }
    if (request.kind === 'init') this.active = true;
    else if (request.kind !== 'mode' && !this.active) {
      throw new TraceParseError(this.file, line, `'${request.kind}' before 'init' (or after 'fini')`);
    }
    if (request.kind === 'fini') this.active = false;
    this.count++;
    return request;
  }
}

/**
 * Parses a whole trace held in memory.
 * @param file - the name used in error messages
 * @throws TraceParseError at the first malformed line
 * @public
 */
export function parseTrace(text: string, file = '<trace>'): ParsedRequest[] {
  const parser = new TraceParser(file);
  const parsed: ParsedRequest[] = [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (const raw of lines) {
    const request = parser.next(raw);
    if (request) parsed.push({ request, line: parser.line });
  }
  return parsed;
}
