/**
 * `gpuvm-check run [--backend ts|c] [--out DIR] [--kernel-tree DIR | --c-source FILE [--c-header FILE]]
 * [--sanitize] <trace>...`:
 * prints (or writes) the transcript of each trace.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { BACKEND_NAMES, createBackend } from '../backends/create.ts';
import { transcriptText } from '../backends/transcript.ts';
import { parseTrace, TraceParseError } from '../trace/parse.ts';
import { formatTrace } from '../trace/request.ts';
import { choice, parseFlags } from './args.ts';
import { C_TARGET_FLAGS, cTargetFromFlags, prepareCTarget } from './cTarget.ts';
import { EXIT_OK, EXIT_USAGE, UsageError } from './usage.ts';

/** A trace file read and parsed, in canonical text. */
export interface LoadedTrace {
  readonly path: string;
  readonly canonical: string;
}

/**
 * Reads and parses trace files; files that fail are reported on `stderr` and left out.
 * @returns the good traces and whether any file failed
 */
export function loadTraces(paths: readonly string[], stderr: (line: string) => void): { traces: LoadedTrace[]; failed: boolean } {
  const traces: LoadedTrace[] = [];
  let failed = false;
  for (const path of paths) {
    try {
      const text = readFileSync(path, 'utf8');
      traces.push({ path, canonical: formatTrace(parseTrace(text, path).map((p) => p.request)) });
    } catch (error) {
      failed = true;
      stderr(error instanceof TraceParseError ? error.message : `${path}: ${(error as Error).message}`);
    }
  }
  return { traces, failed };
}

/** The transcript file name for a trace path: `x.trace` → `x.transcript`. */
export function transcriptName(path: string): string {
  return `${basename(path).replace(/\.trace$/, '')}.transcript`;
}

/** Runs the `run` subcommand. */
export async function runCommand(argv: string[], out: (text: string) => void, err: (line: string) => void): Promise<number> {
  const { values, positionals } = parseFlags(
    argv,
    {
      backend: { type: 'string' },
      out: { type: 'string' },
      ...C_TARGET_FLAGS,
      sanitize: { type: 'boolean' },
    },
    'run',
  );
  if (positionals.length === 0) throw new UsageError('run: no trace file given');
  const backendName = choice('backend', values.backend, BACKEND_NAMES, 'ts');

  const sanitize = values.sanitize ?? false;
  const cTarget = backendName === 'c' ? cTargetFromFlags(values) : undefined;
  const { traces, failed } = loadTraces(positionals, err);
  if (cTarget) await prepareCTarget(cTarget, sanitize, err);
  const backend = await createBackend(backendName, { ...(cTarget && { cTarget }), sanitize });
  try {
    const transcripts = await backend.runTraces(traces.map((t) => t.canonical));
    if (values.out !== undefined) mkdirSync(values.out, { recursive: true });
    traces.forEach((trace, i) => {
      const text = transcriptText(transcripts[i]!);
      if (values.out !== undefined) writeFileSync(join(values.out, transcriptName(trace.path)), text);
      else out(positionals.length > 1 ? `== ${trace.path}\n${text}` : text);
    });
  } finally {
    await backend.close();
  }
  return failed ? EXIT_USAGE : EXIT_OK;
}
