/**
 * `report.html`: one self-contained page (inline CSS and SVG; no script, font, image or link
 * from anywhere, and a Content-Security-Policy that forbids loading any) with the campaign's
 * facts, its findings (new first, with replay commands) and six charts: throughput over time,
 * request kinds, op shapes, the 15 documented cases, invariants and the live-VA histogram.
 * Every string from the report is escaped with `escapeHtml`; numbers are formatted, never raw.
 */
import type { CampaignReport, ThroughputSample } from '../report.ts';
import type { StoredFinding } from '../types.ts';
import { barChart } from './barChart.ts';
import type { Bar } from './barChart.ts';
import type { CountRow } from './coverage.ts';
import { docCaseRows, invariantRows, liveVaRows, missingLabels, opShapeRows, reachedOf, requestKindRows } from './coverage.ts';
import { escapeHtml } from './escape.ts';
import { campaignFacts, REGISTERED_STATUS_TEXT, verdict } from './facts.ts';
import { orderFindings } from './findingOrder.ts';
import { formatCount, formatRate } from './format.ts';
import { lineChart } from './lineChart.ts';
import { sourceCoverageSection } from './sourceCoverage.ts';

const STYLE = `
body { margin: 0; background: #f4f5f7; color: #222; font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; }
main { max-width: 1200px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 8px; }
h2 { font-size: 17px; margin: 28px 0 10px; border-bottom: 1px solid #d6d8dc; padding-bottom: 4px; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', monospace; font-size: 12px; }
pre { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
table.findings { width: 100%; }
td.replay code { overflow-wrap: anywhere; }
.verdict { font-weight: bold; padding: 8px 12px; border-radius: 4px; display: inline-block; }
.verdict.ok { background: #e3f1e4; color: #1b5e20; }
.verdict.new { background: #fde7e7; color: #b71c1c; }
table { border-collapse: collapse; background: #fff; }
th, td { border: 1px solid #d6d8dc; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eceef1; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.facts th { width: 160px; }
tr.new td { background: #fff5f5; }
td.known, td.what, td.seen { white-space: nowrap; }
td.replay { min-width: 260px; }
table.findings { font-size: 13px; }
td.detail { min-width: 180px; }
.tag-new { color: #b71c1c; font-weight: bold; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
figure { margin: 0; background: #fff; border: 1px solid #d6d8dc; border-radius: 4px; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { padding: 4px 10px 8px; color: #555; font-size: 12px; width: 0; min-width: calc(100% - 20px); }
`;

function factsTable(report: CampaignReport): string {
  const rows = campaignFacts(report).map((f) => `<tr><th>${escapeHtml(f.label)}</th><td>${escapeHtml(f.value)}</td></tr>`);
  return `<table class="facts">\n<tr><th>Campaign</th><td><code>${escapeHtml(report.campaign)}</code></td></tr>\n${rows.join('\n')}\n</table>`;
}

function findingRow(f: StoredFinding): string {
  const known = f.known === null ? '<span class="tag-new">NEW</span>' : escapeHtml(f.known);
  const cells = [
    `<td><code>${escapeHtml(f.signature)}</code></td>`,
    `<td>${escapeHtml(f.class)}</td>`,
    `<td class="what"><code>${escapeHtml(f.what)}</code></td>`,
    `<td class="known">${known}</td>`,
    `<td class="num">${formatCount(f.requests)}${f.partial ? ' (partial)' : ''}</td>`,
    `<td class="seen">job ${formatCount(f.firstSeenJob)}<br>${escapeHtml(f.firstSeenAt)}</td>`,
    `<td class="replay"><code>${escapeHtml(f.replay)}</code></td>`,
    `<td class="detail"><pre>${escapeHtml(f.detail)}</pre></td>`,
  ];
  return `<tr${f.known === null ? ' class="new"' : ''}>${cells.join('')}</tr>`;
}

function findingsTable(findings: readonly StoredFinding[]): string {
  if (findings.length === 0) return '<p>None.</p>';
  const head = ['Signature', 'Class', 'What', 'Known', 'Requests', 'First seen', 'Replay', 'Detail'].map((h) => `<th>${h}</th>`).join('');
  return `<table class="findings">\n<tr>${head}</tr>\n${orderFindings(findings).map(findingRow).join('\n')}\n</table>`;
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

function charts(report: CampaignReport): string {
  const s = report.stats;
  const docs = docCaseRows(s);
  const shapes = opShapeRows(s);
  const kinds = requestKindRows(s);
  const invariants = invariantRows(s);
  const missingDocs = missingLabels(docs);
  const memory = memoryChart(report);
  return [
    '<h2>Throughput</h2>',
    figure(
      throughputChart(report),
      `Overall ${formatRate(report.elapsedSeconds > 0 ? s.requests / report.elapsedSeconds : 0)} requests/s; at most ${formatCount(s.maxLiveVas)} live VAs.`,
    ),
    ...(memory ? ['<h2>Memory</h2>', figure(memory, `Peak ${formatCount(report.machine.peakRssMb)} MB with ${formatCount(report.workers)} worker(s).`)] : []),
    '<h2>Coverage</h2>',
    '<div class="charts">',
    figure(
      barChart({ title: 'Documented split/merge cases', note: coverageNote(docs, 'reached'), bars: bars(docs, 'missing'), vertical: true, valueLabel: 'ops', categoryLabel: 'case of "DOC: Split and Merge"' }),
      missingDocs.length > 0 ? `Missing cases: ${missingDocs.join(', ')}.` : 'Every documented case was reached.',
    ),
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

/** Renders `report.html` from a report. @public */
export function renderHtml(report: CampaignReport): string {
  const fresh = report.findings.some((f) => f.known === null);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>gpuvm-check campaign ${escapeHtml(report.campaign)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Fuzz campaign <code>${escapeHtml(report.campaign)}</code></h1>
<p class="verdict ${fresh ? 'new' : 'ok'}">${escapeHtml(verdict(report))}</p>
${factsTable(report)}
<h2>Findings</h2>
${findingsTable(report.findings)}${registeredTable(report)}
${charts(report)}${sourceCoverageSection(report.coverage)}
</main>
</body>
</html>
`;
}
