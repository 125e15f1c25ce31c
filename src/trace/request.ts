/**
 * The requests of a trace (`../shared/trace-format.md`, version 1) and their canonical text.
 *
 * One table, `SIGNATURES`, says which arguments each request takes; the parser, the printer and
 * the generators all read it, so the three cannot drift apart.
 */
import { hex } from '../u64.ts';

/** `mode list` applies op lists, `mode cb` applies ops inside the step callbacks. @public */
export type Mode = 'list' | 'cb';

/**
 * Argument kinds: `u64` printed in hex; `obj` a GEM handle 0..65535 (0 = none); `handle` a GEM
 * handle 1..65535; `count` a u64 printed in decimal; `mode` a word.
 */
export type ArgKind = 'u64' | 'obj' | 'handle' | 'count' | 'mode';

/** The argument tuple of each request. @public */
export interface RequestArgs {
  init: [start: bigint, range: bigint, reserveOffset: bigint, reserveRange: bigint];
  fini: [];
  mode: [mode: Mode];
  map: [addr: bigint, range: bigint, obj: number, offset: bigint];
  unmap: [addr: bigint, range: bigint];
  prefetch: [addr: bigint, range: bigint];
  madvise: [addr: bigint, range: bigint];
  gem_unmap: [obj: number];
  insert: [addr: bigint, range: bigint, obj: number, offset: bigint];
  remove: [addr: bigint, range: bigint];
  find: [addr: bigint, range: bigint];
  find_first: [addr: bigint, range: bigint];
  find_prev: [start: bigint];
  find_next: [end: bigint];
  empty: [addr: bigint, range: bigint];
  dump: [];
  gem: [obj: number];
  fail_alloc: [count: bigint];
  allocs: [];
}

/** A request word of the trace format. @public */
export type RequestKind = keyof RequestArgs;

/** One parsed request; `kind` narrows `args`. @public */
export type Request = { [K in RequestKind]: { kind: K; args: RequestArgs[K] } }[RequestKind];

/** The argument kinds of every request, in order. @public */
export const SIGNATURES: { readonly [K in RequestKind]: readonly ArgKind[] } = {
  init: ['u64', 'u64', 'u64', 'u64'],
  fini: [],
  mode: ['mode'],
  map: ['u64', 'u64', 'obj', 'u64'],
  unmap: ['u64', 'u64'],
  prefetch: ['u64', 'u64'],
  madvise: ['u64', 'u64'],
  gem_unmap: ['handle'],
  insert: ['u64', 'u64', 'obj', 'u64'],
  remove: ['u64', 'u64'],
  find: ['u64', 'u64'],
  find_first: ['u64', 'u64'],
  find_prev: ['u64'],
  find_next: ['u64'],
  empty: ['u64', 'u64'],
  dump: [],
  gem: ['handle'],
  fail_alloc: ['count'],
  allocs: [],
};

/** The largest GEM handle a trace may name. @public */
export const MAX_HANDLE = 65535;

/** Builds a request, typed by its kind. @public */
export function request<K extends RequestKind>(kind: K, ...args: RequestArgs[K]): Request {
  return { kind, args } as Request;
}

function formatArg(kind: ArgKind, value: bigint | number | string): string {
  return kind === 'u64' ? hex(value as bigint) : String(value);
}

/** The canonical text of a request, as echoed after `> ` in transcripts. @public */
export function formatRequest(req: Request): string {
  const kinds = SIGNATURES[req.kind];
  const args = req.args as readonly (bigint | number | string)[];
  let text: string = req.kind;
  for (let i = 0; i < args.length; i++) text += ` ${formatArg(kinds[i]!, args[i]!)}`;
  return text;
}

/** The canonical text of a whole trace, one request per line. @public */
export function formatTrace(requests: readonly Request[]): string {
  return requests.map((req) => `${formatRequest(req)}\n`).join('');
}
