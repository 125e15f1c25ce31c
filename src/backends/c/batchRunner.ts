/**
 * Runs traces through one long-lived `gpuvm-driver --batch`, so that process start-up is paid
 * once, keeping up to {@link PIPELINE_DEPTH} traces in flight. A trace that kills the driver or
 * hangs it gets its transcript so far plus `CRASH`, and a new driver takes the remaining traces.
 * Sanitizer builds run the same way: the driver checks for leaks after each trace and exits on
 * one, so a leak report is the trace's it ends, and every process starts leak-free.
 */
import { DriverProcess } from './driverProcess.ts';
import { checkFraming, transcriptOf } from './outcome.ts';
import { textTimeLimitMs } from './timeLimit.ts';

/** Traces written ahead of the one being read; enough to hide the round trip. */
const PIPELINE_DEPTH = 32;

/** How long `close` lets the driver exit by itself before killing it. */
const CLOSE_GRACE_MS = 2_000;

/** @internal */
export class BatchRunner {
  private process: DriverProcess | undefined;

  constructor(
    private readonly binary: string,
    private readonly timeoutMs: number,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** Transcripts of `traces`, in order. Not reentrant: the caller serializes calls. */
  async run(traces: readonly string[]): Promise<string[][]> {
    traces.forEach(checkFraming);
    const results: string[][] = [];
    while (results.length < traces.length) {
      const proc = this.liveProcess();
      let sent = results.length;
      const sendAhead = () => {
        while (sent < traces.length && sent - results.length < PIPELINE_DEPTH) proc.send(traces[sent++]!);
      };
      sendAhead();
      while (results.length < sent) {
        const outcome = await proc.next(textTimeLimitMs(traces[results.length]!, this.timeoutMs));
        if (outcome.kind === 'done') {
          results.push(outcome.lines);
          sendAhead();
          continue;
        }
        // Dead or hung: this process is finished. Traces sent after the failing one go again,
        // to a new process.
        this.process = undefined;
        proc.kill();
        await proc.exited;
        results.push(transcriptOf(outcome, results.length));
        break;
      }
    }
    return results;
  }

  /** Lets the driver exit, killing it if it does not. */
  async close(): Promise<void> {
    const proc = this.process;
    this.process = undefined;
    if (!proc) return;
    proc.endInput();
    const timer = setTimeout(() => proc.kill(), CLOSE_GRACE_MS);
    await proc.exited;
    clearTimeout(timer);
  }

  private liveProcess(): DriverProcess {
    if (!this.process || !this.process.alive) this.process = new DriverProcess(this.binary, ['--batch'], this.env);
    return this.process;
  }
}
