/**
 * The at-a-glance facts of a campaign as label/value pairs, shared by the summary and the HTML
 * page so both say the same thing in the same words. Values are plain text; each renderer
 * escapes them its own way.
 */
import { describeEraRecord } from '../eraRecord.ts';
import type { CampaignReport, EdgeCoverage } from '../report.ts';
import { formatCount, formatDuration, formatRate } from './format.ts';

/** One fact. @public */
export interface Fact {
  readonly label: string;
  readonly value: string;
}

/** Requests checked per second over the whole campaign (0 when no time passed). @public */
export function overallRate(report: CampaignReport): number {
  return report.elapsedSeconds > 0 ? report.stats.requests / report.elapsedSeconds : 0;
}

function backend(report: CampaignReport): string {
  const names = { ts: 'TypeScript port', c: 'C code', both: 'TypeScript port and C code, compared' } as const;
  const parts = [`${report.backend} (${names[report.backend] ?? report.backend})`];
  if (report.backend !== 'ts') parts.push(`C source: ${report.cSource ?? 'the seed'}`);
  if (report.backend !== 'ts' && report.cHeader) parts.push(`C header: ${report.cHeader}`);
  parts.push(report.sanitize ? 'sanitizers on' : 'sanitizers off');
  return parts.join('; ');
}

function edgesFact(e: EdgeCoverage): string {
  const mode = e.guided ? 'coverage-guided' : 'blind (--no-guided)';
  return `${formatCount(e.reached)}, ${mode}; corpus ${formatCount(e.corpusEntries)} traces, ${formatCount(Math.ceil(e.corpusBytes / 1024))} KB`;
}

/** The facts, in reading order. @public */
export function campaignFacts(report: CampaignReport): Fact[] {
  const m = report.machine;
  return [
    { label: 'Seed', value: String(report.seed) },
    { label: 'Shards', value: report.shards.join(', ') || '–' },
    { label: 'Backend', value: backend(report) },
    ...(report.era ? [{ label: 'Era', value: describeEraRecord(report.era) }] : []),
    { label: 'Duration', value: `${formatDuration(report.elapsedSeconds)}, stopped by ${report.stoppedBy}` },
    { label: 'Started', value: report.startedAt },
    { label: 'Finished', value: report.finishedAt },
    { label: 'Workers', value: formatCount(report.workers) },
    { label: 'Jobs', value: formatCount(report.jobsDone) },
    { label: 'Sequences', value: formatCount(report.stats.sequences) },
    { label: 'Requests checked', value: `${formatCount(report.stats.requests)} (${formatRate(overallRate(report))}/s)` },
    { label: 'Max live VAs', value: formatCount(report.stats.maxLiveVas) },
    ...(report.edges ? [{ label: 'C edges reached', value: edgesFact(report.edges) }] : []),
    { label: 'Peak RSS', value: `${formatCount(m.peakRssMb)} MB` },
    { label: 'Machine', value: `${formatCount(m.cpus)} CPUs, Node ${m.node}, ${m.platform}` },
  ];
}

/** One sentence on the findings: how many are new. @public */
export function verdict(report: CampaignReport): string {
  const fresh = report.findings.filter((f) => f.known === null).length;
  const known = report.findings.length - fresh;
  if (report.findings.length === 0) return 'No findings.';
  const knownText = `${known} known finding${known === 1 ? '' : 's'}`;
  if (fresh === 0) return `No new findings (${knownText}).`;
  return `${fresh} NEW finding${fresh === 1 ? '' : 's'} (and ${knownText}).`;
}

/** What each status of a registered finding means, in the words both renderers use. @public */
export const REGISTERED_STATUS_TEXT = {
  present: 'present: the C code breaks the contract as the faithful port does',
  fixed: 'fixed in this tree: the faithful port breaks the contract where the C code keeps it',
  'partly-fixed': 'partly fixed: the C code keeps the contract on some traces where the faithful port breaks it, and breaks it as the port does on others',
  'not-reached': 'not reached by this campaign',
} as const;
