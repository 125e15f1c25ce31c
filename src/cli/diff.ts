/**
 * `gpuvm-check diff [--kernel-tree DIR | --c-source FILE [--c-header FILE]] [--sanitize] <trace>...`: runs every trace on the TS port
 * and on the C code and shows, for each trace whose transcripts differ, the first divergent line
 * with the lines before it. Exit 1 if any trace differs, 0 if all agree.
 */
import type { Divergence } from '../backends/transcript.ts';
import { firstDivergence } from '../backends/transcript.ts';
import { createBackend } from '../backends/create.ts';
import { parseFlags } from './args.ts';
import { C_TARGET_FLAGS, cTargetFromFlags, prepareCTarget } from './cTarget.ts';
import { loadTraces } from './run.ts';
import { EXIT_FOUND, EXIT_OK, EXIT_USAGE, UsageError } from './usage.ts';

/** Lines of agreement shown before the divergent one. */
const CONTEXT_LINES = 3;

/** The report of one divergent trace, as printed by `diff`. */
export function formatDivergence(path: string, ts: readonly string[], divergence: Divergence): string {
  const from = Math.max(0, divergence.index - CONTEXT_LINES);
  const context = ts.slice(from, divergence.index).map((line) => `    ${line}\n`).join('');
  const show = (line: string | undefined): string => (line === undefined ? '<end of transcript>' : line);
  return (
    `DIFF ${path}: transcripts differ at line ${divergence.index + 1}\n` +
    context +
    `  ts: ${show(divergence.left)}\n` +
    `  c:  ${show(divergence.right)}\n`
  );
}

/** Runs the `diff` subcommand. */
export async function diffCommand(argv: string[], out: (text: string) => void, err: (line: string) => void): Promise<number> {
  const { values, positionals } = parseFlags(
    argv,
    { ...C_TARGET_FLAGS, sanitize: { type: 'boolean' } },
    'diff',
  );
  if (positionals.length === 0) throw new UsageError('diff: no trace file given');
  const sanitize = values.sanitize ?? false;
  const cTarget = cTargetFromFlags(values);
  const { traces, failed } = loadTraces(positionals, err);
  const texts = traces.map((t) => t.canonical);
  await prepareCTarget(cTarget, sanitize, err);
  const ts = await createBackend('ts');
  const c = await createBackend('c', { cTarget, sanitize });
  let differing = 0;
  try {
    const [tsOut, cOut] = await Promise.all([ts.runTraces(texts), c.runTraces(texts)]);
    traces.forEach((trace, i) => {
      const divergence = firstDivergence(tsOut[i]!, cOut[i]!);
      if (divergence) {
        differing++;
        out(formatDivergence(trace.path, tsOut[i]!, divergence));
      }
    });
  } finally {
    await Promise.all([ts.close(), c.close()]);
  }
  out(`${traces.length} trace(s), ${differing} differ\n`);
  if (failed) return EXIT_USAGE;
  return differing > 0 ? EXIT_FOUND : EXIT_OK;
}
