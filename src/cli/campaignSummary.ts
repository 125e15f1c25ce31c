/**
 * What `fuzz` prints about findings: one line per finding as it is stored or minimized, and at
 * the end the campaign in a few lines, each new finding with its replay and rerun commands and
 * the known ones collapsed to one line per registered finding id, with a count.
 */
import { coverageLine } from '../coverage/coverage.ts';
import { join } from 'node:path';
import type { CampaignReport } from '../../fuzz/report.ts';
import { distinct, groupFindings } from '../../fuzz/render/findingGroups.ts';
import type { KnownGroup } from '../../fuzz/render/findingGroups.ts';
import { formatCount } from '../../fuzz/render/format.ts';
import type { StoredFinding } from '../../fuzz/types.ts';

const whatOf = (f: StoredFinding): string => `${f.class}${f.backend ? ` (${f.backend})` : ''} ${f.what}`;

/** One finding on one line, as a campaign stores or improves it. @public */
export function findingLine(f: StoredFinding): string {
  return `${f.known === null ? 'NEW  ' : `${f.known.padEnd(9)}`} ${whatOf(f)} (${formatCount(f.requests)} requests${f.partial ? ', not yet minimal' : ''}): ${f.replay}`;
}

/** A registered finding met through `group.findings.length` signatures: one line, the first one's commands. */
function knownLine({ id, findings }: KnownGroup): string {
  const shortest = Math.min(...findings.map((f) => f.requests));
  const count = findings.length === 1 ? '' : ` x${findings.length} signatures,`;
  return `${id.padEnd(9)}${count} ${distinct(findings.map(whatOf)).join('; ')} (${formatCount(shortest)} requests): ${findings[0]!.replay}`;
}

const rerunLine = (f: StoredFinding): string => (f.rerun === undefined ? '' : `      rerun its job: ${f.rerun}\n`);

/**
 * The end of a campaign: what ran, the findings, where the reports are.
 * @public
 */
export function campaignSummary(r: CampaignReport, newFindings: number, dir: string): string {
  const { fresh, known } = groupFindings(r.findings);
  return (
    `campaign ${r.campaign}: ${formatCount(r.jobsDone)} jobs, ${formatCount(r.stats.requests)} requests in ${formatCount(r.elapsedSeconds, 1)} s (${r.stoppedBy}), ` +
    `${formatCount(r.findings.length)} finding(s), ${formatCount(newFindings)} new\n` +
    fresh.map((f) => `  ${findingLine(f)}\n${rerunLine(f)}`).join('') +
    known.map((g) => `  ${knownLine(g)}\n${rerunLine(g.findings[0]!)}`).join('') +
    (r.coverage ? `${coverageLine(r.coverage)}\n` : '') +
    `reports: ${join(dir, 'report.json')}, ${join(dir, 'summary.md')}, ${join(dir, 'report.html')}\n`
  );
}
