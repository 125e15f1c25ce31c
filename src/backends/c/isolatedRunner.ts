/**
 * Runs each trace in a driver process of its own, for sanitizer builds: LeakSanitizer reports
 * at process exit, so only one trace per process makes its leak report that trace's. The driver
 * checks for leaks after the transcript and exits 23 if it found any; the transcript then ends
 * with `CRASH leak: <bytes> bytes in <n> allocations`.
 */
import { availableParallelism } from 'node:os';
import { crashDetail, leakDetail } from './crashDetail.ts';
import { DriverProcess } from './driverProcess.ts';
import { crashLine } from '../backend.ts';
import { checkFraming, EXIT_LEAK, transcriptOf } from './outcome.ts';
import { textTimeLimitMs } from './timeLimit.ts';

/**
 * The sanitizers' settings. Memory errors exit 1 after the death callback flushed the
 * transcript; UBSan aborts (its runtime skips the death callback, the driver's SIGABRT handler
 * flushes instead); leaks are checked by the driver itself so that they get their own status.
 * An inherited LSAN_OPTIONS would override the exit status of every report, so it is cleared.
 * @internal
 */
export function sanitizerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.LSAN_OPTIONS;
  env.ASAN_OPTIONS = 'detect_leaks=1:exitcode=1:abort_on_error=0:handle_abort=0:print_summary=1';
  env.UBSAN_OPTIONS = 'halt_on_error=1:abort_on_error=1:print_stacktrace=1';
  return env;
}

/** @internal */
export class IsolatedRunner {
  private readonly env = sanitizerEnv();
  private readonly parallel = Math.max(1, availableParallelism());

  constructor(
    private readonly binary: string,
    private readonly timeoutMs: number,
  ) {}

  /** Transcripts of `traces`, in order, several processes at a time. */
  async run(traces: readonly string[]): Promise<string[][]> {
    traces.forEach(checkFraming);
    const results: string[][] = new Array<string[]>(traces.length);
    let next = 0;
    let failure: unknown;
    const worker = async () => {
      while (failure === undefined && next < traces.length) {
        const index = next++;
        try {
          results[index] = await this.runOne(traces[index]!, index);
        } catch (error) {
          failure ??= error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.parallel, traces.length) }, worker));
    if (failure !== undefined) throw failure;
    return results;
  }

  private async runOne(trace: string, index: number): Promise<string[]> {
    const proc = new DriverProcess(this.binary, ['--batch'], this.env);
    proc.send(trace);
    proc.endInput();
    const outcome = await proc.next(textTimeLimitMs(trace, this.timeoutMs));
    if (outcome.kind !== 'done') {
      proc.kill();
      await proc.exited;
      return transcriptOf(outcome, index);
    }
    // The transcript is complete; the exit status says what the leak check at exit found.
    const timer = setTimeout(() => proc.kill(), this.timeoutMs);
    const exit = await proc.exited;
    clearTimeout(timer);
    if (exit.code === 0) return outcome.lines;
    if (exit.code === EXIT_LEAK) return [...outcome.lines, crashLine(leakDetail(exit.stderr))];
    if (exit.signal === 'SIGKILL') return [...outcome.lines, crashLine('timeout')];
    return [...outcome.lines, crashLine(crashDetail(exit))];
  }
}
