/**
 * Runs one trace of any length on `gpuvm-driver --stream`: requests are written to its stdin as
 * they are read, transcript lines come back in batches as it prints them, and neither side ever
 * holds the whole trace or transcript. For the CLI's `run` and `diff`, which hand over traces
 * they have already checked.
 *
 * The time limit scales with the trace's length, and only time spent waiting for the driver
 * counts: a caller that is slow to take lines (the TS side of a `diff`) does not eat the
 * driver's time.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { crashLine } from '../backend.ts';
import type { Request } from '../../trace/request.ts';
import { formatRequest } from '../../trace/request.ts';
import type { DriverExit } from './driverProcess.ts';
import { sanitizerEnv } from './sanitizerEnv.ts';
import { MalformedTraceError } from './malformedTraceError.ts';
import { deathLine, EXIT_MALFORMED } from './outcome.ts';

/** How long a stopped driver may take to flush and die before SIGKILL. */
const TERM_GRACE_MS = 1_000;

/** Enough for any sanitizer report's first lines. */
const STDERR_LIMIT = 256 * 1024;

/** A built driver to stream through. @public */
export interface StreamDriver {
  readonly binary: string;
  /** A sanitizer build: its leak check at exit ends the transcript in `CRASH leak: …`. */
  readonly sanitize: boolean;
}

/**
 * The transcript of `batches` on the driver, in batches of lines; it ends in `CRASH <detail>` if
 * the driver dies or exceeds `limitMs` of waiting. Stopping the iteration early kills the driver.
 * @throws MalformedTraceError if the driver refuses a line (the trace was not checked)
 * @public
 */
export async function* streamOnDriver(driver: StreamDriver, batches: AsyncIterable<readonly Request[]>, limitMs: number): AsyncGenerator<string[]> {
  const child = spawn(driver.binary, ['--stream'], {
    env: driver.sanitize ? sanitizerEnv() : process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    if (stderr.length < STDERR_LIMIT) stderr += chunk;
  });
  child.stdin.on('error', () => undefined);
  const exited = new Promise<DriverExit>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
    child.on('error', (error) => resolve({ code: null, signal: null, stderr: `cannot run ${driver.binary}: ${error.message}\n` }));
  });
  let gone = false;
  void exited.then(() => (gone = true));

  let writeError: unknown;
  const writing = (async () => {
    try {
      for await (const batch of batches) {
        if (gone) return;
        let text = '';
        for (const req of batch) text += `${formatRequest(req)}\n`;
        if (!child.stdin.write(text)) await Promise.race([once(child.stdin, 'drain'), exited]);
      }
      child.stdin.end();
    } catch (error) {
      writeError = error;
      child.kill('SIGKILL');
    }
  })();

  let timedOut = false;
  let waitedMs = 0;
  const stop = (): void => {
    timedOut = true;
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), TERM_GRACE_MS).unref();
  };
  const chunks = child.stdout.setEncoding('utf8')[Symbol.asyncIterator]() as AsyncIterator<string>;
  let partial = '';
  try {
    for (;;) {
      const started = Date.now();
      let timer: NodeJS.Timeout | undefined;
      if (!timedOut) timer = setTimeout(stop, Math.max(0, limitMs - waitedMs));
      const next = await chunks.next();
      clearTimeout(timer);
      waitedMs += Date.now() - started;
      if (next.done) break;
      const lines = (partial + next.value).split('\n');
      partial = lines.pop()!;
      if (lines.length > 0) yield lines;
    }
    const exit = await exited;
    await writing;
    if (writeError !== undefined) throw writeError;
    const tail = partial === '' ? [] : [partial];
    if (timedOut) yield [...tail, crashLine('timeout')];
    else if (exit.code === 0) {
      if (tail.length > 0) yield tail;
    } else if (exit.code === EXIT_MALFORMED) {
      throw new MalformedTraceError(0, exit.stderr.split('\n').find((l) => /^line \d+: /.test(l)) ?? exit.stderr.trim());
    } else yield [...tail, deathLine(exit)];
  } finally {
    if (!gone) child.kill('SIGKILL');
  }
}
