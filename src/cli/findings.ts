/**
 * `gpuvm-check findings [--kernel-tree DIR | --c-source FILE [--c-header FILE]] [--json]`: replays
 * every registered finding on a C source (the seed by default) and tells which are still present there. Exit 1 if any is
 * present, 0 if none.
 */
import { createBackend } from '../backends/create.ts';
import { replayFindings } from '../../properties/findings/replay.ts';
import type { FindingStatus } from '../../properties/findings/replay.ts';
import { parseFlags } from './args.ts';
import { excerpt } from '../trace/excerpt.ts';
import { cTargetOf } from './cSourceFlag.ts';
import { C_TARGET_FLAGS, prepareCTarget } from './cTarget.ts';
import { EXIT_FOUND, EXIT_OK, UsageError } from './usage.ts';

/** One finding as `--json` prints it. */
function jsonOf(s: FindingStatus): object {
  return {
    id: s.finding.id,
    class: 'code',
    title: s.finding.title,
    status: s.status,
    judgedBy: s.judgedBy,
    invariant: s.invariant,
    firstDifference: s.firstDifference,
  };
}

/** The table for people: one line per finding, the evidence of a present one indented below. */
export function formatStatuses(statuses: readonly FindingStatus[]): string {
  let text = '';
  for (const s of statuses) {
    text += `${s.finding.id}  ${s.status.padEnd(7)}  ${s.finding.title}\n`;
    if (s.status === 'present') {
      if (s.invariant !== null) text += `    breaks ${s.invariant}\n`;
      if (s.firstDifference !== null) text += `    ${s.firstDifference}\n`;
    }
  }
  const present = statuses.filter((s) => s.status === 'present').length;
  return `${text}${statuses.length} findings: ${present} present, ${statuses.length - present} fixed\n`;
}

/** Runs the `findings` subcommand. */
export async function findingsCommand(argv: string[], out: (text: string) => void, err: (line: string) => void): Promise<number> {
  const { values, positionals } = parseFlags(argv, { ...C_TARGET_FLAGS, json: { type: 'boolean' } }, 'findings');
  if (positionals.length > 0) throw new UsageError(`findings: unexpected argument '${excerpt(positionals[0]!)}'`);
  const cTarget = cTargetOf(values);
  await prepareCTarget(cTarget, false, err);
  const c = await createBackend('c', { cTarget });
  let statuses: FindingStatus[];
  try {
    statuses = await replayFindings(c);
  } finally {
    await c.close();
  }
  out(values.json ? `${JSON.stringify(statuses.map(jsonOf), null, 2)}\n` : formatStatuses(statuses));
  return statuses.some((s) => s.status === 'present') ? EXIT_FOUND : EXIT_OK;
}
