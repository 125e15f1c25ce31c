/**
 * Turning what became of a trace in a driver process into its transcript, the way the trace
 * format wants a dead backend reported: everything printed so far, then one `CRASH <detail>`.
 */
import { crashLine } from '../backend.ts';
import { crashDetail, leakDetail } from './crashDetail.ts';
import type { DriverExit, TraceOutcome } from './driverProcess.ts';
import { BATCH_END } from './driverProcess.ts';
import { MalformedTraceError } from './malformedTraceError.ts';

/** The driver's exit status for a malformed trace. @internal */
export const EXIT_MALFORMED = 2;

/**
 * The driver's exit status when LeakSanitizer found leaks after a complete transcript (in batch
 * mode: after the trace it was on, before its end marker). @internal
 */
export const EXIT_LEAK = 23;

/** The `CRASH` line of a driver that died with `exit`: a leak report, or what killed it. @internal */
export function deathLine(exit: DriverExit): string {
  return crashLine(exit.code === EXIT_LEAK ? leakDetail(exit.stderr) : crashDetail(exit));
}

/**
 * The transcript of a trace whose outcome is in: the lines, plus a `CRASH` line unless it
 * completed.
 * @throws MalformedTraceError if the driver rejected the trace
 * @internal
 */
export function transcriptOf(outcome: TraceOutcome, traceIndex: number): string[] {
  switch (outcome.kind) {
    case 'done':
      return outcome.lines;
    case 'timeout':
      return [...outcome.lines, crashLine('timeout')];
    case 'died': {
      const { exit } = outcome;
      if (exit.code === EXIT_MALFORMED) {
        const message = exit.stderr.split('\n').find((l) => /^line \d+: /.test(l)) ?? exit.stderr.trim();
        throw new MalformedTraceError(traceIndex, message);
      }
      return [...outcome.lines, deathLine(exit)];
    }
  }
}

/**
 * Refuses a trace that contains the batch separator as a line of its own: the driver would cut
 * it in two there.
 * @throws MalformedTraceError
 * @internal
 */
export function checkFraming(trace: string, traceIndex: number): void {
  const line = trace.split('\n').indexOf(BATCH_END);
  if (line >= 0) {
    throw new MalformedTraceError(traceIndex, `line ${line + 1}: '${BATCH_END}' separates traces and cannot appear in one`);
  }
}
