/**
 * Comparing a long trace (a walk) on C and the faithful port without holding either whole
 * transcript or the trace's text: the requests are generated twice (walks are pure functions
 * of their seed), once written to a C driver process with back-pressure and once run on the
 * port, and each line C prints is compared with the port's as it arrives. Memory stays at a
 * pipe buffer and a few lines, however long the walk.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { crashLine } from '../src/backends/backend.ts';
import { crashDetail } from '../src/backends/c/crashDetail.ts';
import { BATCH_END } from '../src/backends/c/driverProcess.ts';
import type { Divergence } from '../src/backends/transcript.ts';
import { comparableLine } from '../src/backends/transcript.ts';
import { portCrashLine } from '../src/driver/runTrace.ts';
import { TsDriver } from '../src/driver/tsDriver.ts';
import type { Request } from '../src/trace/request.ts';
import { formatTrace } from '../src/trace/request.ts';

/** A divergence with the index of the request whose output it is in. @public */
export interface StreamedDivergence extends Divergence {
  readonly request: number;
}

/** Per-trace time limit: a base plus a share per request, so long walks are not cut. @public */
export function streamTimeoutMs(requests: number): number {
  return 10_000 + requests;
}

/** Requests written to the driver per write call. */
const WRITE_BATCH = 256;

/** The port's side: runs requests one at a time, lines tagged with their request. */
class PortSide {
  private readonly driver = new TsDriver({});
  private readonly requests: Iterator<Request>;
  private readonly pending: { line: string; request: number }[] = [];
  private executed = 0;
  private crashed = false;
  /** Requests C was given, once the writer stopped early: the port runs no more. */
  limit = Infinity;

  constructor(requests: Iterable<Request>) {
    this.requests = requests[Symbol.iterator]();
  }

  /** The port's next line, or undefined past its end. */
  next(): { line: string; request: number } | undefined {
    while (this.pending.length === 0 && !this.crashed && this.executed < this.limit) {
      const step = this.requests.next();
      if (step.done) break;
      const at = this.executed++;
      try {
        this.driver.execute(step.value);
      } catch (error) {
        this.driver.lines.push(portCrashLine(error));
        this.crashed = true;
      }
      for (const line of this.driver.lines) this.pending.push({ line, request: at });
      this.driver.lines.length = 0;
    }
    return this.pending.shift();
  }

  /** The last request run (for a divergence past the port's end). */
  get last(): number {
    return Math.max(0, this.executed - 1);
  }
}

/** What a streamed comparison found. @public */
export interface StreamResult {
  /** Requests compared (fewer than generated when `stop` ended it early). */
  readonly requests: number;
  readonly divergence: StreamedDivergence | null;
}

/**
 * Runs the requests of `generate()` on the C driver `binary` and on the faithful port and
 * says where they first differ, if they do.
 * @param generate - called twice; must give the same requests both times
 * @param requests - how many `generate` gives (for the time limit)
 * @param stop - asked as requests are written; true ends the trace there (both sides)
 * @public
 */
export async function streamCompare(binary: string, generate: () => Iterable<Request>, requests: number, stop: () => boolean = () => false): Promise<StreamResult> {
  const child = spawn(binary, ['--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    if (stderr.length < 64 * 1024) stderr += chunk;
  });
  child.stdin.on('error', () => undefined); // a dead driver is reported by its exit
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, streamTimeoutMs(requests));

  const port = new PortSide(generate());
  let written = 0;
  const writing = (async () => {
    const batch: Request[] = [];
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      const ok = child.stdin.write(formatTrace(batch));
      batch.length = 0;
      if (!ok) await new Promise<void>((resolve) => child.stdin.once('drain', resolve).once('close', resolve));
    };
    for (const request of generate()) {
      if (child.stdin.destroyed) return;
      batch.push(request);
      written++;
      if (batch.length >= WRITE_BATCH) {
        await flush();
        if (stop()) break;
      }
    }
    await flush();
    port.limit = written;
    child.stdin.end(`${BATCH_END}\n`);
  })();

  let index = 0;
  let result: StreamedDivergence | null = null;
  const diverge = (left: { line: string; request: number } | undefined, right: string | undefined): StreamedDivergence => ({
    index,
    left: left?.line,
    right,
    request: left?.request ?? port.last,
  });
  try {
    const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
    let complete = false;
    for await (const cLine of lines) {
      if (cLine === BATCH_END) {
        complete = true;
        break;
      }
      const ts = port.next();
      if (ts === undefined || comparableLine(ts.line) !== comparableLine(cLine)) {
        result = diverge(ts, cLine);
        break;
      }
      index++;
    }
    if (result === null) {
      // C's transcript ended: cleanly (@@end), or by dying or the timeout.
      const ended = complete ? undefined : timedOut ? crashLine('timeout') : crashLine(crashDetail({ ...(await exited), stderr }));
      const ts = port.next();
      if (ended !== undefined) {
        if (ts === undefined || comparableLine(ts.line) !== comparableLine(ended)) result = diverge(ts, ended);
      } else if (ts !== undefined) result = diverge(ts, undefined);
    }
  } finally {
    clearTimeout(timer);
    child.kill('SIGKILL');
    child.stdin.destroy();
    await exited;
    await writing.catch(() => undefined);
  }
  return { requests: Math.min(written, port.limit), divergence: result };
}
