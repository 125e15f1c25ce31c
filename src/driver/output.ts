/**
 * Where a driver's output goes, event by event: printed as the transcript (trace-format.md), or
 * kept as the RequestResult the transcript would parse into, without printing a line (what
 * checked runs compare).
 *
 * One class with a switch rather than two implementations of an interface: the driver's hot path
 * then always meets the same shape. With two classes, once both had run in a process (a campaign
 * runs both), checked runs were measured 20-30% slower.
 */
import { errnoName } from '../kernel/errno.ts';
import type { DrmGpuvaOp } from '../gpuvm/types.ts';
import type { Request } from '../trace/request.ts';
import { formatRequest } from '../trace/request.ts';
import { formatOpLine, opLineOf } from './format.ts';
import type { OpLine, RequestResult } from './result.ts';

/** The status line of `ret`. @public */
export function statusLine(ret: number): string {
  return ret === 0 ? 'OK' : `ERR ${ret} ${errnoName(-ret)}`;
}

/** The events of a driver's output, in the order it produces them. @public */
export class DriverOutput {
  /** The transcript so far; written only by a printing output. */
  readonly lines: string[] = [];
  private ops: OpLine[] = [];
  private results: string[] = [];
  private ret: number | null = null;

  /** @param print - true: append transcript lines to `lines`; false: keep the latest request's result */
  constructor(private readonly print: boolean) {}

  /** A request is about to run (the transcript's `> ` echo line). */
  request(req: Request): void {
    if (this.print) {
      this.lines.push(`> ${formatRequest(req)}`);
      return;
    }
    this.ops = [];
    this.results = [];
    this.ret = null;
  }

  /** The library raised a WARN (a kept result drops it, as parseRequestResult does). */
  warn(message: string): void {
    if (this.print) this.lines.push(`WARN ${message}`);
  }

  /** An op, reported before it is applied, while its VAs are live. */
  op(op: DrmGpuvaOp): void {
    const line = opLineOf(op);
    if (this.print) this.lines.push(formatOpLine(line));
    else this.ops.push(line);
  }

  /** A result line other than an op or a status: VA, NONE, VAS, EMPTY, ALLOCS. */
  result(line: string): void {
    if (this.print) this.lines.push(line);
    else this.results.push(line);
  }

  /** The request's status: 0 or a negative errno. */
  status(ret: number): void {
    if (this.print) this.lines.push(statusLine(ret));
    else this.ret = ret;
  }

  /**
   * What the latest request printed, with what the port said if an exception ended it: exactly
   * what parseRequestResult makes of the lines a printing output, followed by that CRASH line,
   * would have written for it.
   */
  latest(crash: string | null): RequestResult {
    return crash === null
      ? { ops: this.ops, status: this.ret, results: this.results, crashed: false }
      : { ops: this.ops, status: this.ret, results: this.results, crashed: true, crash };
  }
}
