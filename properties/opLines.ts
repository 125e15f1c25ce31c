/**
 * Reading the op and result lines of one request's transcript back into structure, so that
 * invariants can talk about ops ("the second REMAP's next part") instead of strings. Works on
 * any backend's transcript, the model's included.
 */
import type { OpLine, RequestResult } from '../src/driver/result.ts';
import type { VaFields } from '../src/driver/format.ts';
import { parseU64 } from '../src/trace/parse.ts';

export type { VaFields } from '../src/driver/format.ts';
export type { OpLine, RequestResult } from '../src/driver/result.ts';

const FIELDS = String.raw`(\S+) (\S+) (\d+) (\S+)`;
const PART = String.raw`(?:-|${FIELDS})`;
const REMAP = new RegExp(String.raw`^REMAP prev\(${PART}\) next\(${PART}\) unmap\(${FIELDS} keep=([01])\)$`);
const UNMAP = new RegExp(String.raw`^UNMAP ${FIELDS} keep=([01])$`);
const MAP = new RegExp(String.raw`^MAP ${FIELDS}$`);
const PREFETCH = new RegExp(String.raw`^PREFETCH ${FIELDS}$`);

function fields(groups: readonly (string | undefined)[], at: number): VaFields | null {
  const [addr, range, handle, offset] = groups.slice(at, at + 4);
  if (addr === undefined) return null;
  return { addr: parseU64(addr), range: parseU64(range!), handle: Number(handle), offset: parseU64(offset!) };
}

/** Parses one op line, or returns null for a line that is not an op. @public */
export function parseOpLine(line: string): OpLine | null {
  let m = REMAP.exec(line);
  if (m) return { type: 'REMAP', prev: fields(m, 1), next: fields(m, 5), unmap: fields(m, 9)!, keep: m[13] === '1' };
  m = UNMAP.exec(line);
  if (m) return { type: 'UNMAP', unmap: fields(m, 1)!, keep: m[5] === '1' };
  m = MAP.exec(line);
  if (m) return { type: 'MAP', map: fields(m, 1)! };
  m = PREFETCH.exec(line);
  if (m) return { type: 'PREFETCH', va: fields(m, 1)! };
  return null;
}

/** Splits the lines one request printed (without its `> ` echo line). @public */
export function parseRequestResult(lines: readonly string[]): RequestResult {
  const ops: OpLine[] = [];
  const results: string[] = [];
  let status: number | null = null;
  let crash: string | undefined;
  for (const line of lines) {
    if (line.startsWith('WARN ')) continue;
    if (line === 'CRASH' || line.startsWith('CRASH ')) crash = line.slice('CRASH '.length);
    else if (line === 'OK') status = 0;
    else if (line.startsWith('ERR ')) status = Number(line.split(' ')[1]);
    else {
      const op = parseOpLine(line);
      if (op) ops.push(op);
      else results.push(line);
    }
  }
  return crash === undefined ? { ops, status, results, crashed: false } : { ops, status, results, crashed: true, crash };
}
