/**
 * One running `gpuvm-driver --batch`: traces go in on stdin, each followed by `@@end`;
 * transcripts come back on stdout, each followed by `@@end`. Several traces may be in flight
 * (the caller pipelines them); transcripts are taken in order with {@link DriverProcess.next}.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';

/** The line that ends a trace on the driver's stdin and a transcript on its stdout. @public */
export const BATCH_END = '@@end';

/** How the driver process ended. @public */
export interface DriverExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The start of its stderr (sanitizer reports, parse errors). */
  readonly stderr: string;
}

/** What became of the trace being waited for. @public */
export type TraceOutcome =
  /** The transcript, complete. */
  | { readonly kind: 'done'; readonly lines: string[] }
  /** The process ended first; `lines` is what it printed of this trace. */
  | { readonly kind: 'died'; readonly lines: string[]; readonly exit: DriverExit }
  /** No `@@end` in time; the process was stopped, `lines` is what it had printed. */
  | { readonly kind: 'timeout'; readonly lines: string[] };

/** How long a driver stopped with SIGTERM may take to flush and die before SIGKILL. */
const TERM_GRACE_MS = 1_000;

/** Enough for any sanitizer report's first lines; the rest is dropped. */
const STDERR_LIMIT = 256 * 1024;

/**
 * A driver child process and the transcripts it has written.
 * @internal
 */
export class DriverProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly finished: Promise<DriverExit>;
  private exitInfo: DriverExit | null = null;
  private partial = '';
  private current: string[] = [];
  private readonly completed: string[][] = [];
  private stderr = '';
  private wake: (() => void) | null = null;

  constructor(binary: string, args: readonly string[], env: NodeJS.ProcessEnv) {
    this.child = spawn(binary, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.setEncoding('utf8');
    this.child.stderr.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => this.onStdout(chunk));
    this.child.stderr.on('data', (chunk: string) => {
      if (this.stderr.length < STDERR_LIMIT) this.stderr += chunk;
    });
    // Writing to a process that died raises EPIPE; the death itself is reported by 'close'.
    this.child.stdin.on('error', () => undefined);
    this.finished = new Promise((resolve) => {
      const finish = (code: number | null, signal: NodeJS.Signals | null) => {
        if (this.exitInfo) return;
        this.exitInfo = { code, signal, stderr: this.stderr };
        resolve(this.exitInfo);
        this.notify();
      };
      // 'close' comes after the exit and after stdout and stderr were read to their end, so a
      // crashing driver's last flushed lines are in `current` by then.
      this.child.on('close', finish);
      this.child.on('error', (error) => {
        this.stderr += `cannot run ${binary}: ${error.message}\n`;
        finish(null, null);
      });
    });
  }

  /** False once the process has ended. */
  get alive(): boolean {
    return this.exitInfo === null;
  }

  /** Resolves once the process has ended and its output has been read. */
  get exited(): Promise<DriverExit> {
    return this.finished;
  }

  /** Sends one trace, framed. */
  send(trace: string): void {
    const text = trace.endsWith('\n') || trace === '' ? trace : `${trace}\n`;
    this.child.stdin.write(`${text}${BATCH_END}\n`);
  }

  /** Closes stdin: the driver exits after the traces already sent. */
  endInput(): void {
    this.child.stdin.end();
  }

  /** Kills the process at once, without letting it flush. */
  kill(): void {
    if (this.exitInfo === null) this.child.kill('SIGKILL');
  }

  /**
   * Stops the process: SIGTERM, which the driver answers by flushing its transcript and dying,
   * then SIGKILL if it is still there after a grace period.
   */
  async stop(): Promise<DriverExit> {
    if (this.exitInfo === null) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.kill(), TERM_GRACE_MS);
      await this.finished;
      clearTimeout(timer);
    }
    return this.finished;
  }

  /**
   * The outcome of the oldest trace not yet taken: its transcript, or the death of the process,
   * or a timeout after `timeoutMs` without its `@@end`.
   */
  async next(timeoutMs: number): Promise<TraceOutcome> {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      this.notify();
    }, timeoutMs);
    try {
      for (;;) {
        const lines = this.completed.shift();
        if (lines) return { kind: 'done', lines };
        if (this.exitInfo) return { kind: 'died', lines: this.takeCurrent(), exit: this.exitInfo };
        if (timedOut) {
          await this.stop();
          return { kind: 'timeout', lines: this.takeCurrent() };
        }
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
      }
    } finally {
      clearTimeout(timer);
    }
  }

  private takeCurrent(): string[] {
    const lines = this.current;
    this.current = [];
    return lines;
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private onStdout(chunk: string): void {
    const parts = (this.partial + chunk).split('\n');
    // The last part has no newline yet: keep it for the next chunk.
    this.partial = parts.pop() ?? '';
    for (const line of parts) {
      if (line === BATCH_END) this.completed.push(this.takeCurrent());
      else this.current.push(line);
    }
    this.notify();
  }
}
