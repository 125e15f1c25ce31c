/**
 * Where a driver's output goes, event by event. The transcript (trace-format.md) is one way of
 * keeping it, {@link TranscriptLines}; a checked run keeps it as structure instead,
 * {@link ResultOutput}, which is what the transcript would parse into, without printing a line.
 */
import { errnoName } from '../kernel/errno.ts';
import type { DrmGpuvaOp } from '../gpuvm/types.ts';
import type { Request } from '../trace/request.ts';
import { formatRequest } from '../trace/request.ts';
import { formatOpLine, opLineOf } from './format.ts';
import type { OpLine, RequestResult } from './result.ts';

/** The events of a driver's output, in the order it produces them. @public */
export interface DriverOutput {
  /** A request is about to run (the transcript's `> ` echo line). */
  request(req: Request): void;
  /** The library raised a WARN. */
  warn(message: string): void;
  /** An op, reported before it is applied, while its VAs are live. */
  op(op: DrmGpuvaOp): void;
  /** A result line other than an op or a status: VA, NONE, VAS, EMPTY, ALLOCS. */
  result(line: string): void;
  /** The request's status: 0 or a negative errno. */
  status(ret: number): void;
}

/** The status line of `ret`. @public */
export function statusLine(ret: number): string {
  return ret === 0 ? 'OK' : `ERR ${ret} ${errnoName(-ret)}`;
}

/** Every event as its transcript line, appended to `lines`. @public */
export class TranscriptLines implements DriverOutput {
  readonly lines: string[] = [];

  request(req: Request): void {
    this.lines.push(`> ${formatRequest(req)}`);
  }

  warn(message: string): void {
    this.lines.push(`WARN ${message}`);
  }

  op(op: DrmGpuvaOp): void {
    this.lines.push(formatOpLine(opLineOf(op)));
  }

  result(line: string): void {
    this.lines.push(line);
  }

  status(ret: number): void {
    this.lines.push(statusLine(ret));
  }
}

/**
 * The latest request's output as a RequestResult: exactly what parseRequestResult makes of the
 * lines TranscriptLines would have printed for it (WARNs are dropped there too).
 * @public
 */
export class ResultOutput implements DriverOutput {
  private ops: OpLine[] = [];
  private results: string[] = [];
  private ret: number | null = null;

  request(): void {
    this.ops = [];
    this.results = [];
    this.ret = null;
  }

  warn(): void {}

  op(op: DrmGpuvaOp): void {
    this.ops.push(opLineOf(op));
  }

  result(line: string): void {
    this.results.push(line);
  }

  status(ret: number): void {
    this.ret = ret;
  }

  /** What the latest request printed; `crashed` when an exception ended it. */
  latest(crashed: boolean): RequestResult {
    return { ops: this.ops, status: this.ret, results: this.results, crashed };
  }
}
