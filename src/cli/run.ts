/**
 * `gpuvm-check run [options] <trace>...`: prints (or writes) the transcript of each trace. Traces
 * of any length: each is checked in one pass, then streamed through the backend, and its
 * transcript written as it comes. `--era` (a preset such as `v6.18`, or a list of features)
 * makes the TS port follow that era of `drm_gpuvm.c`.
 */
import { basename, join } from 'node:path';
import { BACKEND_NAMES } from '../backends/create.ts';
import { streamOnDriver } from '../backends/c/streamRunner.ts';
import { traceTimeLimitMs } from '../backends/c/timeLimit.ts';
import { streamRequests } from '../driver/runStream.ts';
import { readTraceFile } from '../trace/readFile.ts';
import type { Era } from '../era/era.ts';
import { parseEra } from '../era/presets.ts';
import { choice, parseFlags } from './args.ts';
import { defineCommand } from './command.ts';
import { cTargetOf, refuseCFlagsWithout } from './cSourceFlag.ts';
import { C_TARGET_FLAGS, prepareCTarget, SANITIZE_FLAG } from './cTarget.ts';
import { LineSink } from './lineSink.ts';
import { prepareOutputDir, quotePath } from './paths.ts';
import { forEachCheckedTrace } from './traceFiles.ts';
import { EXIT_OK, EXIT_USAGE, UsageError } from './usage.ts';

/** The transcript file name for a trace path: `x.trace` → `x.transcript`. */
export function transcriptName(path: string): string {
  return `${basename(path).replace(/\.trace$/, '')}.transcript`;
}

/** The era named by `--era`, or undefined when the flag is absent. @throws UsageError for an unknown era */
export function eraFlag(value: string | undefined): Era | undefined {
  if (value === undefined) return undefined;
  try {
    return parseEra(value);
  } catch (error) {
    throw new UsageError(`--era: ${(error as Error).message}`);
  }
}

/** Refuses two traces whose transcripts would overwrite each other in `--out`. */
function checkDistinctNames(paths: readonly string[]): void {
  const seen = new Map<string, string>();
  for (const path of paths) {
    const name = transcriptName(path);
    const other = seen.get(name);
    if (other !== undefined) throw new UsageError(`--out: ${quotePath(other)} and ${quotePath(path)} would both write ${name}`);
    seen.set(name, path);
  }
}

/** The `--era` flag, for the commands that run the TS port alone. */
export const ERA_FLAG = {
  era: { type: 'string', value: 'ERA', help: 'run the TS port as this era of drm_gpuvm.c: a preset (v6.8, v6.18, v6.19, v7.0) or features separated by commas', default: 'the seed' },
} as const;

/** The `run` command. */
export const RUN = defineCommand({
  name: 'run',
  args: '<trace>...',
  summary: 'print the transcript of each trace',
  about: 'Runs each trace on the TS port (or on the C code with --backend c) and prints its transcript, or writes one <name>.transcript per trace into --out.',
  exits: '0 all traces ran, 2 a trace or a flag is bad (the good traces still run).',
  flags: {
    backend: { type: 'string', value: 'ts|c', help: 'the TS port or the C code', default: 'ts' },
    out: { type: 'string', value: 'DIR', help: 'write DIR/<name>.transcript per trace instead of printing', default: 'stdout' },
    ...C_TARGET_FLAGS,
    ...SANITIZE_FLAG,
    ...ERA_FLAG,
  },
  run: runCommand,
});

/** Runs the `run` subcommand. */
export async function runCommand(argv: string[], out: (text: string) => void, err: (line: string) => void): Promise<number> {
  const { values, positionals } = parseFlags(argv, RUN);
  if (positionals.length === 0) throw new UsageError('run: no trace file given');
  const backendName = choice('backend', values.backend, BACKEND_NAMES, 'ts');
  refuseCFlagsWithout(backendName === 'c', values, 'add --backend c');
  const era = eraFlag(values.era);
  if (era && backendName !== 'ts') throw new UsageError('--era: only the ts backend takes an era (a C source has its own)');
  const cTarget = backendName === 'c' ? cTargetOf(values) : undefined;
  if (values.out !== undefined) {
    checkDistinctNames(positionals);
    prepareOutputDir('out', values.out);
  }
  const driver = cTarget ? await prepareCTarget(cTarget, values.sanitize ?? false, err) : null;

  const stdout = new LineSink(out);
  const failed = await forEachCheckedTrace(positionals, err, async (path, requests) => {
    const transcript = driver ? streamOnDriver(driver, readTraceFile(path), traceTimeLimitMs(requests)) : streamRequests(readTraceFile(path), era ? { era } : {});
    const sink = values.out === undefined ? stdout : LineSink.toFile(join(values.out, transcriptName(path)));
    try {
      if (values.out === undefined && positionals.length > 1) sink.push([`== ${path}`]);
      for await (const lines of transcript) sink.push(lines);
    } finally {
      sink.close();
    }
  });
  return failed ? EXIT_USAGE : EXIT_OK;
}
