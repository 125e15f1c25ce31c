/**
 * `gpuvm-check diff [options] <trace>...`: runs every trace on the TS port
 * and on the C code at the same time and compares the transcripts as they come; for each trace
 * that differs it shows the first divergent line with the lines before it and stops that trace
 * there. Traces of any length, in bounded memory. Exit 1 if any trace differs, 0 if all agree.
 */
import type { Divergence } from '../backends/transcript.ts';
import { firstStreamDivergence } from '../backends/streamDivergence.ts';
import { streamOnDriver } from '../backends/c/streamRunner.ts';
import { traceTimeLimitMs } from '../backends/c/timeLimit.ts';
import { streamRequests } from '../driver/runStream.ts';
import { readTraceFile } from '../trace/readFile.ts';
import { formatCount } from '../../fuzz/render/format.ts';
import { parseFlags } from './args.ts';
import { defineCommand } from './command.ts';
import { cTargetOf } from './cSourceFlag.ts';
import { C_TARGET_FLAGS, prepareCTarget, SANITIZE_FLAG } from './cTarget.ts';
import { forEachCheckedTrace } from './traceFiles.ts';
import { EXIT_FOUND, EXIT_OK, EXIT_USAGE, UsageError } from './usage.ts';

/** Lines of agreement shown before the divergent one. */
const CONTEXT_LINES = 3;

/** The report of one divergent trace given the agreeing lines just before the divergence. */
export function divergenceReport(path: string, context: readonly string[], divergence: Divergence): string {
  const show = (line: string | undefined): string => (line === undefined ? '<end of transcript>' : line);
  return (
    `DIFF ${path}: transcripts differ at line ${divergence.index + 1}\n` +
    context.map((line) => `    ${line}\n`).join('') +
    `  ts: ${show(divergence.left)}\n` +
    `  c:  ${show(divergence.right)}\n`
  );
}

/** The report of one divergent trace, as printed by `diff`, from the whole TS transcript. */
export function formatDivergence(path: string, ts: readonly string[], divergence: Divergence): string {
  return divergenceReport(path, ts.slice(Math.max(0, divergence.index - CONTEXT_LINES), divergence.index), divergence);
}

/** The `diff` command. */
export const DIFF = defineCommand({
  name: 'diff',
  args: '<trace>...',
  summary: 'run each trace on the TS port and on the C code; show the first divergence',
  about: 'The transcripts are compared as they come, so traces of any length run in bounded memory; a trace that differs shows its first divergent line with the lines before it.',
  exits: '0 all traces agree, 1 some trace differs, 2 a trace or a flag is bad.',
  flags: { ...C_TARGET_FLAGS, ...SANITIZE_FLAG },
  run: diffCommand,
});

/** Runs the `diff` subcommand. */
export async function diffCommand(argv: string[], out: (text: string) => void, err: (line: string) => void): Promise<number> {
  const { values, positionals } = parseFlags(argv, DIFF);
  if (positionals.length === 0) throw new UsageError('diff: no trace file given');
  const cTarget = cTargetOf(values);
  const driver = await prepareCTarget(cTarget, values.sanitize ?? false, err);
  let compared = 0;
  let differing = 0;
  const failed = await forEachCheckedTrace(positionals, err, async (path, requests) => {
    compared++;
    const found = await firstStreamDivergence(
      // The port runs the era detected in the C code it is compared with.
      streamRequests(readTraceFile(path), { era: cTarget.era }),
      streamOnDriver(driver, readTraceFile(path), traceTimeLimitMs(requests)),
      CONTEXT_LINES,
    );
    if (found) {
      differing++;
      out(divergenceReport(path, found.context, found.divergence));
    }
  });
  out(`${formatCount(compared)} trace(s), ${formatCount(differing)} differ\n`);
  if (failed) return EXIT_USAGE;
  return differing > 0 ? EXIT_FOUND : EXIT_OK;
}
