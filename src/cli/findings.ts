/**
 * `gpuvm-check findings [options]`: replays
 * every registered code finding on a C source (the seed by default), in that source's era, and
 * tells which are still present there; and, for every doc finding, whether the source still
 * carries its wrong text. Exit 1 if any code finding is present, 0 if none: doc findings are
 * listed but never change the exit code (the code they describe is right, so a gate on behaviour
 * has nothing to fail on).
 */
import { readFileSync } from 'node:fs';
import { createBackend } from '../backends/create.ts';
import type { CTarget } from '../backends/c/cTarget.ts';
import { docFindingsIn } from '../../properties/findings/docEras.ts';
import { upstreamFiles } from '../../properties/findings/files.ts';
import { DOC_FINDINGS } from '../../properties/findings/registry.ts';
import type { DocFinding } from '../../properties/findings/registry.ts';
import { replayFindings } from '../../properties/findings/replay.ts';
import type { FindingStatus } from '../../properties/findings/replay.ts';
import { parseFlags } from './args.ts';
import { defineCommand } from './command.ts';
import { excerpt } from '../trace/excerpt.ts';
import { cTargetOf } from './cSourceFlag.ts';
import { C_TARGET_FLAGS, prepareCTarget } from './cTarget.ts';
import { EXIT_FOUND, EXIT_OK, UsageError } from './usage.ts';

/** A doc finding's verdict on one source: its wrong text is still there, or not. @public */
export interface DocFindingStatus {
  readonly finding: DocFinding;
  readonly status: 'present' | 'fixed';
}

/** The doc findings whose wrong text (their `marker`) the target's source or header still carries. @public */
export function docStatuses(target: CTarget): DocFindingStatus[] {
  const present = new Set(docFindingsIn(`${readFileSync(target.cSource, 'utf8')}\n${readFileSync(target.cHeader, 'utf8')}`));
  return DOC_FINDINGS.map((finding) => ({ finding, status: present.has(finding.id) ? 'present' : 'fixed' }));
}

/** One finding as `--json` prints it. */
function jsonOf(s: FindingStatus | DocFindingStatus): object {
  const code = 'judgedBy' in s;
  return {
    id: s.finding.id,
    class: s.finding.class,
    title: s.finding.title,
    status: s.status,
    judgedBy: code ? s.judgedBy : 'marker',
    invariant: code ? s.invariant : null,
    firstDifference: code ? s.firstDifference : null,
    ...upstreamFiles(s.finding.id),
  };
}

const summary = (what: string, statuses: readonly { status: string }[]): string => {
  const present = statuses.filter((s) => s.status === 'present').length;
  return `${statuses.length} ${what}: ${present} present, ${statuses.length - present} fixed`;
};

/**
 * The table for people: one line per finding, the evidence of a present code finding indented
 * below, then the doc findings.
 */
export function formatStatuses(statuses: readonly FindingStatus[], docs: readonly DocFindingStatus[] = []): string {
  let text = '';
  for (const s of statuses) {
    text += `${s.finding.id}  ${s.status.padEnd(7)}  ${s.finding.title}\n`;
    if (s.status === 'present') {
      if (s.invariant !== null) text += `    breaks ${s.invariant}\n`;
      if (s.firstDifference !== null) text += `    ${s.firstDifference}\n`;
    }
  }
  text += `${summary('findings', statuses)}\n`;
  if (docs.length === 0) return text;
  for (const d of docs) text += `${d.finding.id}  ${d.status.padEnd(7)}  ${d.finding.title}\n`;
  return `${text}${summary('doc findings', docs)} (not counted in the exit code)\n`;
}

/** The `findings` command. */
export const FINDINGS_COMMAND = defineCommand({
  name: 'findings',
  args: '',
  summary: 'replay every registered finding on the C code, in its era: present or fixed',
  about: 'Doc findings (wrong comments, matched by their wrong text) are listed too, but never change the exit code: the code they describe is right.',
  exits: '0 no code finding is present, 1 some code finding is present, 2 usage error.',
  flags: { ...C_TARGET_FLAGS, json: { type: 'boolean', help: 'print JSON (id, class, title, status, evidence, files) instead of a table' } },
  run: findingsCommand,
});

/** Runs the `findings` subcommand. */
export async function findingsCommand(argv: string[], out: (text: string) => void, err: (line: string) => void): Promise<number> {
  const { values, positionals } = parseFlags(argv, FINDINGS_COMMAND);
  if (positionals.length > 0) throw new UsageError(`findings: unexpected argument '${excerpt(positionals[0]!)}'`);
  const cTarget = cTargetOf(values);
  await prepareCTarget(cTarget, false, err);
  const c = await createBackend('c', { cTarget });
  let statuses: FindingStatus[];
  try {
    statuses = await replayFindings(c, { era: cTarget.era });
  } finally {
    await c.close();
  }
  const docs = docStatuses(cTarget);
  out(values.json ? `${JSON.stringify([...statuses, ...docs].map(jsonOf), null, 2)}\n` : formatStatuses(statuses, docs));
  return statuses.some((s) => s.status === 'present') ? EXIT_FOUND : EXIT_OK;
}
