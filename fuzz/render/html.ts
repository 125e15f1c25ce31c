/**
 * `report.html`: one self-contained page (inline CSS and SVG; no script, font or image, and a
 * Content-Security-Policy that forbids loading any) with the campaign's facts, its findings (new
 * first, each with links to its files and FINDINGS.md entry, its trace and expected vs actual
 * transcripts), and charts: throughput and memory over time, the 15 documented cases (with what
 * each is), op shapes, request kinds, invariants and the live-VA histogram. Links are relative
 * to the report's directory. Every string from the report is escaped with `escapeHtml`; numbers
 * are formatted, never raw.
 *
 * The page is the list SECTIONS: a new section is one function of the context and one line there.
 */
import type { CampaignReport, ThroughputSample } from '../report.ts';
import { DOC_CASE_TITLES } from '../../properties/classify.ts';
import { barChart } from './barChart.ts';
import type { Bar } from './barChart.ts';
import type { CountRow } from './coverage.ts';
import { docCaseRows, invariantRows, liveVaRows, missingLabels, opShapeRows, reachedOf, requestKindRows } from './coverage.ts';
import { escapeHtml } from './escape.ts';
import { campaignFacts, REGISTERED_STATUS_TEXT, verdict } from './facts.ts';
import { findingDetails, FINDINGS_STYLE, findingsTable } from './findingsHtml.ts';
import { formatCount, formatRate, formatShare } from './format.ts';
import { lineChart } from './lineChart.ts';
import { sourceCoverageSection } from './sourceCoverage.ts';

const STYLE = `
body { margin: 0; background: #f4f5f7; color: #222; font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; }
main { max-width: 1200px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 8px; }
h2 { font-size: 17px; margin: 28px 0 10px; border-bottom: 1px solid #d6d8dc; padding-bottom: 4px; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', monospace; font-size: 12px; }
pre { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.verdict { font-weight: bold; padding: 8px 12px; border-radius: 4px; display: inline-block; }
.verdict.ok { background: #e3f1e4; color: #1b5e20; }
.verdict.new { background: #fde7e7; color: #b71c1c; }
table { border-collapse: collapse; background: #fff; }
th, td { border: 1px solid #d6d8dc; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eceef1; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.facts th { width: 160px; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
figure { margin: 0; background: #fff; border: 1px solid #d6d8dc; border-radius: 4px; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { padding: 4px 10px 8px; color: #555; font-size: 12px; width: 0; min-width: calc(100% - 20px); }
table.cases td:nth-child(2) { max-width: 520px; }
tr.missing td, .missing { color: #c62828; }
`;

function factsTable(report: CampaignReport): string {
  const rows = campaignFacts(report).map((f) => `<tr><th>${escapeHtml(f.label)}</th><td>${escapeHtml(f.value)}</td></tr>`);
  return `<table class="facts">\n<tr><th>Campaign</th><td><code>${escapeHtml(report.campaign)}</code></td></tr>\n${rows.join('\n')}\n</table>`;
}

function registeredTable(report: CampaignReport): string {
  if (!report.registeredFindings) return '';
  const rows = report.registeredFindings.map((r) => `<tr><th>${escapeHtml(r.id)}</th><td>${escapeHtml(REGISTERED_STATUS_TEXT[r.status] ?? r.status)}</td></tr>`);
  return `\n<h2>Registered findings in this C source</h2>\n<table class="facts">\n${rows.join('\n')}\n</table>`;
}

/** The time axis in seconds, minutes or hours, whichever keeps the numbers small. */
function timeUnit(samples: readonly ThroughputSample[]): { divisor: number; name: string } {
  const last = Math.max(0, ...samples.map((s) => (Number.isFinite(s.t) ? s.t : 0)));
  if (last >= 7200) return { divisor: 3600, name: 'h' };
  if (last >= 180) return { divisor: 60, name: 'min' };
  return { divisor: 1, name: 's' };
}

function throughputChart(report: CampaignReport): string {
  const unit = timeUnit(report.throughput);
  const at = (s: ThroughputSample): number => s.t / unit.divisor;
  return lineChart({
    title: 'Throughput over time',
    note: `${formatCount(report.throughput.length)} samples; requests count as workers check them (walks report every thousand)`,
    xLabel: `time since start (${unit.name})`,
    leftLabel: 'requests/s',
    rightLabel: 'live VAs',
    width: 1100,
    height: 300,
    series: [
      { name: 'requests/s', points: report.throughput.map((s) => ({ x: at(s), y: s.requestsPerSec })) },
      { name: 'most live VAs in a finished job', axis: 'right', points: report.throughput.map((s) => ({ x: at(s), y: s.liveVas })) },
    ],
  });
}

/** Total RSS over time; null for reports from before it was sampled. */
function memoryChart(report: CampaignReport): string | null {
  const samples = report.throughput.filter((s) => s.rssMb !== undefined);
  if (samples.length === 0) return null;
  const unit = timeUnit(report.throughput);
  return lineChart({
    title: 'Memory over time',
    note: 'resident memory of the campaign: its process, worker threads and C drivers',
    xLabel: `time since start (${unit.name})`,
    leftLabel: 'MB',
    width: 1100,
    height: 240,
    series: [{ name: 'total RSS (MB)', points: samples.map((s) => ({ x: s.t / unit.divisor, y: s.rssMb! })) }],
  });
}

const bars = (rows: readonly CountRow[], zeroTone: 'missing' | 'muted'): Bar[] =>
  rows.map((r) => ({ label: r.label, value: r.count, tone: r.missing ? 'missing' : r.count === 0 ? zeroTone : 'normal' }));

function coverageNote(rows: readonly CountRow[], verb: string): string {
  const { reached, total } = reachedOf(rows);
  const missing = missingLabels(rows);
  return `${reached} of ${total} ${verb}${missing.length > 0 ? `; red: never ${verb}` : ''}`;
}

function figure(svg: string, caption: string): string {
  return `<figure>\n${svg}\n<figcaption>${escapeHtml(caption)}</figcaption>\n</figure>`;
}

/** The documented cases as a table: number, what the case is, ops counted. */
function docCaseTable(rows: readonly CountRow[]): string {
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  const body = rows.map((r) => {
    const title = DOC_CASE_TITLES[Number(r.label) - 1] ?? '';
    const count = r.missing ? '<strong class="missing">never reached</strong>' : formatCount(r.count);
    return `<tr${r.missing ? ' class="missing"' : ''}><td class="num">${escapeHtml(r.label)}</td><td>${escapeHtml(title)}</td><td class="num">${count}</td><td class="num">${formatShare(r.count, total)}</td></tr>`;
  });
  return `<table class="cases">\n<tr><th>Case</th><th>What it is (the old VA against the requested mapping)</th><th>Ops</th><th>Share</th></tr>\n${body.join('\n')}\n</table>`;
}

/** What a section is rendered from: the report, and its directory (null when rendered without one). @public */
export interface HtmlContext {
  readonly report: CampaignReport;
  readonly dir: string | null;
}

function headerSection({ report }: HtmlContext): string {
  const fresh = report.findings.some((f) => f.known === null);
  return `<h1>Fuzz campaign <code>${escapeHtml(report.campaign)}</code></h1>\n<p class="verdict ${fresh ? 'new' : 'ok'}">${escapeHtml(verdict(report))}</p>\n${factsTable(report)}`;
}

function findingsSection({ report, dir }: HtmlContext): string {
  const details = findingDetails(report.findings, dir);
  return `<h2>Findings</h2>\n${findingsTable(report.findings, dir)}${details ? `\n${details}` : ''}${registeredTable(report)}`;
}

function throughputSection({ report }: HtmlContext): string {
  const s = report.stats;
  return [
    '<h2>Throughput</h2>',
    figure(
      throughputChart(report),
      `Overall ${formatRate(report.elapsedSeconds > 0 ? s.requests / report.elapsedSeconds : 0)} requests/s; at most ${formatCount(s.maxLiveVas)} live VAs.`,
    ),
  ].join('\n');
}

function memorySection({ report }: HtmlContext): string {
  const memory = memoryChart(report);
  return memory ? ['<h2>Memory</h2>', figure(memory, `Peak ${formatCount(report.machine.peakRssMb)} MB with ${formatCount(report.workers)} worker(s).`)].join('\n') : '';
}

function docCasesSection({ report }: HtmlContext): string {
  const docs = docCaseRows(report.stats);
  const missingDocs = missingLabels(docs);
  return [
    '<h2>Documented split/merge cases</h2>',
    '<p>The 15 cases of the seed\'s "DOC: Split and Merge" (<code>drm_gpuvm.c</code>), each counted once per op that an unmap or remap of an existing VA makes it.</p>',
    '<div class="charts">',
    figure(
      barChart({ title: 'Documented split/merge cases', note: coverageNote(docs, 'reached'), bars: bars(docs, 'missing'), vertical: true, valueLabel: 'ops', categoryLabel: 'case of "DOC: Split and Merge"' }),
      missingDocs.length > 0 ? `Missing cases: ${missingDocs.join(', ')}.` : 'Every documented case was reached.',
    ),
    docCaseTable(docs),
    '</div>',
  ].join('\n');
}

function coverageSection({ report }: HtmlContext): string {
  const s = report.stats;
  const shapes = opShapeRows(s);
  const kinds = requestKindRows(s);
  const invariants = invariantRows(s);
  return [
    '<h2>Coverage</h2>',
    '<div class="charts">',
    figure(barChart({ title: 'Op shapes', note: coverageNote(shapes, 'produced'), bars: bars(shapes, 'missing'), valueLabel: 'ops' }), 'Ops of each shape that the split/merge walk produced.'),
    figure(barChart({ title: 'Request kinds', note: `${formatCount(s.requests)} requests; grey: none sent`, bars: bars(kinds, 'muted'), valueLabel: 'requests' }), 'Requests checked, by kind.'),
    figure(
      barChart({ title: 'Invariants checked', note: coverageNote(invariants, 'counted'), bars: bars(invariants, 'missing'), valueLabel: 'times checked' }),
      'Per invariant, or per outcome where the statistics tell outcomes apart (validity:E22 = the request failed with -EINVAL).',
    ),
    figure(
      barChart({ title: 'Live VAs after a request', note: `log2 buckets; max ${formatCount(s.maxLiveVas)}`, bars: bars(liveVaRows(s), 'muted'), vertical: true, adjacent: true, valueLabel: 'requests', categoryLabel: 'live VAs' }),
      'How many VAs were mapped after each request.',
    ),
    '</div>',
  ].join('\n');
}

/** The sections of the page, in order; one that has nothing to show returns ''. */
const SECTIONS: readonly ((ctx: HtmlContext) => string)[] = [
  headerSection,
  findingsSection,
  throughputSection,
  memorySection,
  docCasesSection,
  coverageSection,
  ({ report }) => sourceCoverageSection(report.coverage),
];

/**
 * Renders `report.html` from a report. With `dir`, the report's directory, each finding links
 * to its files and shows them inline, and known ones link to their FINDINGS.md entry.
 * @public
 */
export function renderHtml(report: CampaignReport, dir: string | null = null): string {
  const ctx: HtmlContext = { report, dir };
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>gpuvm-check campaign ${escapeHtml(report.campaign)}</title>
<style>${STYLE}${FINDINGS_STYLE}</style>
</head>
<body>
<main>
${SECTIONS.map((section) => section(ctx))
  .filter((html) => html !== '')
  .join('\n')}
</main>
</body>
</html>
`;
}
