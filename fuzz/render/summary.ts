/**
 * `summary.md`: the campaign at a glance, in Markdown. What ran and how fast, the findings
 * (new ones first, each with its replay command), and coverage: which documented split/merge
 * cases, op shapes, request kinds and invariants were exercised, with missing ones marked.
 * Every string from the report is escaped (`mdText`) or shown verbatim in a code span (`mdCode`).
 */
import { DOC_CASE_TITLES } from '../../properties/classify.ts';
import type { CampaignReport } from '../report.ts';
import type { StoredFinding } from '../types.ts';
import type { CountRow } from './coverage.ts';
import { docCaseRows, invariantRows, liveVaRows, missingLabels, opShapeRows, reachedOf, requestKindRows } from './coverage.ts';
import { campaignFacts, REGISTERED_STATUS_TEXT, verdict } from './facts.ts';
import type { KnownGroup } from './findingGroups.ts';
import { distinct, groupFindings } from './findingGroups.ts';
import { formatCount, formatShare } from './format.ts';
import { mdCode, mdText } from './markdown.ts';
import { sourceCoverageMarkdown } from './sourceCoverageMd.ts';

const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

function findingsSection(findings: readonly StoredFinding[]): string[] {
  if (findings.length === 0) return ['## Findings', '', 'None.', ''];
  const { fresh, known } = groupFindings(findings);
  const command = (text: string | undefined): string => (text === undefined ? '–' : mdCode(text));
  const freshRow = (f: StoredFinding): string =>
    row([mdCode(f.signature), mdText(f.class), mdCode(f.what), '**NEW**', `${formatCount(f.requests)}${f.partial ? ' (partial)' : ''}`, command(f.replay), command(f.rerun)]);
  // One row per registered id, however many signatures met it; the first one's commands.
  const knownRow = ({ id, findings: group }: KnownGroup): string => {
    const first = group[0]!;
    const shortest = Math.min(...group.map((f) => f.requests));
    return row([
      group.map((f) => mdCode(f.signature)).join(', '),
      mdText(distinct(group.map((f) => f.class)).join(', ')),
      distinct(group.map((f) => f.what)).map(mdCode).join(', '),
      group.length > 1 ? `${mdText(id)} (${group.length} signatures)` : mdText(id),
      formatCount(shortest),
      command(first.replay),
      command(first.rerun),
    ]);
  };
  const lines = [
    '## Findings',
    '',
    ...(known.length > 0 ? ['Known findings: one row per registered finding, with the commands of the first signature that met it.', ''] : []),
    row(['Signature', 'Class', 'What', 'Known', 'Requests', 'Replay', 'Rerun its job']),
    row(['---', '---', '---', '---', '--:', '---', '---']),
    ...fresh.map(freshRow),
    ...known.map(knownRow),
    '',
  ];
  if (fresh.length > 0) {
    lines.push('New findings in detail (also in `findings/<signature>/finding.json`):', '');
    for (const f of fresh) {
      lines.push(`- ${mdCode(f.signature)}, first seen in job ${formatCount(f.firstSeenJob)} at ${mdText(f.firstSeenAt)}: ${mdText(f.detail)}`);
    }
    lines.push('');
  }
  return lines;
}

/**
 * A table of counts; with `share`, each count's part of the total too; with `describe`, a
 * column saying what each row is.
 */
function countTable(what: string, unit: string, rows: readonly CountRow[], code: boolean, share = true, describe?: (label: string) => string): string[] {
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  const cells = (r: CountRow): string[] => [
    code ? mdCode(r.label) : mdText(r.label),
    ...(describe ? [mdText(describe(r.label))] : []),
    r.missing ? '**missing**' : formatCount(r.count),
    ...(share ? [formatShare(r.count, total)] : []),
  ];
  return [
    row([what, ...(describe ? ['What it is'] : []), unit, ...(share ? ['Share'] : [])]),
    row(['---', ...(describe ? ['---'] : []), '--:', ...(share ? ['--:'] : [])]),
    ...rows.map((r) => row(cells(r))),
    '',
  ];
}

/** A coverage subsection: heading with "n of m", the missing ones named, then the table. */
function coverageTable(
  title: string,
  verb: string,
  what: string,
  unit: string,
  rows: readonly CountRow[],
  code: boolean,
  share = true,
  describe?: (label: string) => string,
): string[] {
  const missing = missingLabels(rows);
  const { reached, total } = reachedOf(rows);
  const named = missing.map((m) => (code ? mdCode(m) : `**${mdText(m)}**`));
  return [
    `### ${title}: ${reached} of ${total} ${verb}`,
    '',
    ...(missing.length > 0 ? [`Never ${verb}: ${named.join(', ')}.`, ''] : []),
    ...countTable(what, unit, rows, code, share, describe),
  ];
}

function registeredSection(report: CampaignReport): string[] {
  if (!report.registeredFindings) return [];
  return [
    '## Registered findings in this C source',
    '',
    row(['Finding', 'Status']),
    row(['---', '---']),
    ...report.registeredFindings.map((r) => row([mdText(r.id), mdText(REGISTERED_STATUS_TEXT[r.status] ?? r.status)])),
    '',
  ];
}

/** What a documented case is, in one line. */
const docCaseTitle = (label: string): string => DOC_CASE_TITLES[Number(label) - 1] ?? '';

function coverageSection(report: CampaignReport): string[] {
  const stats = report.stats;
  const liveVas = liveVaRows(stats);
  return [
    '## Coverage',
    '',
    ...coverageTable('Documented split/merge cases', 'reached', 'Case', 'Ops', docCaseRows(stats), false, true, docCaseTitle),
    ...coverageTable('Op shapes', 'produced', 'Shape', 'Ops', opShapeRows(stats), true),
    ...coverageTable('Request kinds', 'sent', 'Kind', 'Requests', requestKindRows(stats), true),
    // An invariant runs on many requests at once, so shares of the total would mean nothing.
    ...coverageTable('Invariants', 'counted', 'Invariant or outcome', 'Times checked', invariantRows(stats), true, false),
    `### Live VAs after a request (max ${formatCount(stats.maxLiveVas)})`,
    '',
    ...(liveVas.length > 0 ? countTable('Live VAs', 'Requests', liveVas, false) : ['None counted.', '']),
  ];
}

/** Renders `summary.md` from a report. @public */
export function renderSummary(report: CampaignReport): string {
  const facts = campaignFacts(report);
  const lines = [
    `# Fuzz campaign ${mdCode(report.campaign)}`,
    '',
    `**${verdict(report)}**`,
    '',
    row(['Campaign', mdCode(report.campaign)]),
    row(['---', '---']),
    ...facts.map((f) => row([f.label, mdText(f.value)])),
    '',
    ...findingsSection(report.findings),
    ...registeredSection(report),
    ...coverageSection(report),
    ...sourceCoverageMarkdown(report.coverage),
  ];
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
