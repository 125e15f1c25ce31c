/**
 * The findings part of `report.html`: a table (one row per finding, new first) and, per
 * finding, what a reader needs to act on it without leaving the page: links to its files and to
 * its FINDINGS.md entry, the replay command, the trace, and the expected and actual transcripts
 * side by side with their first difference marked. New findings are open, known ones folded
 * (`<details>`, which needs no script). Links are relative to the report's directory.
 */
import { firstDivergence } from '../../src/backends/transcript.ts';
import type { StoredFinding } from '../types.ts';
import { escapeHtml } from './escape.ts';
import type { FileText, Evidence, Transcript } from './evidence.ts';
import { readEvidence } from './evidence.ts';
import { orderFindings } from './findingOrder.ts';
import { findingsDocEntries } from './findingsDoc.ts';
import { formatCount } from './format.ts';
import { linesOf } from './lineDiff.ts';

/** The most lines of one file shown inline; the link has the rest. @public */
export const MAX_SHOWN_LINES = 120;

/** CSS of the findings part. @public */
export const FINDINGS_STYLE = `
table.findings { width: 100%; font-size: 13px; }
tr.new td { background: #fff5f5; }
td.known, td.what, td.seen { white-space: nowrap; }
.tag-new { color: #b71c1c; font-weight: bold; }
details.finding { background: #fff; border: 1px solid #d6d8dc; border-radius: 4px; margin: 10px 0; padding: 0 12px; }
details.finding.new { border-color: #e57373; }
details.finding > summary { cursor: pointer; padding: 8px 0; }
details.finding[open] > summary { border-bottom: 1px solid #eceef1; margin-bottom: 8px; }
details.finding h4 { font-size: 13px; margin: 12px 0 4px; }
.compare { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; margin-bottom: 12px; }
.compare > div { min-width: 0; }
pre.lines { background: #f8f9fa; border: 1px solid #e3e5e8; padding: 6px 8px; overflow-x: auto; }
pre.lines .ln { color: #888; user-select: none; }
pre.lines mark { background: #ffe08a; display: inline-block; width: 100%; }
.note { color: #555; font-size: 12px; }
`;

const findingId = (f: StoredFinding): string => `finding-${f.signature}`;

function knownCell(f: StoredFinding, dir: string | null): string {
  if (f.known === null) return '<span class="tag-new">NEW</span>';
  const entries = dir === null ? [] : findingsDocEntries(dir, f.known);
  if (entries.length === 0) return escapeHtml(f.known);
  return entries.map((e) => `<a href="${escapeHtml(e.href)}" title="${escapeHtml(`FINDINGS.md: ${e.title}`)}">${escapeHtml(e.id)}</a>`).join('+');
}

function findingRow(f: StoredFinding, dir: string | null): string {
  const cells = [
    `<td><a href="#${escapeHtml(findingId(f))}"><code>${escapeHtml(f.signature)}</code></a></td>`,
    `<td>${escapeHtml(f.class)}${f.backend ? ` (${escapeHtml(f.backend)})` : ''}</td>`,
    `<td class="what"><code>${escapeHtml(f.what)}</code></td>`,
    `<td class="known">${knownCell(f, dir)}</td>`,
    `<td class="num">${formatCount(f.requests)}${f.partial ? ' (partial)' : ''}</td>`,
    `<td class="seen">job ${formatCount(f.firstSeenJob)}<br>${escapeHtml(f.firstSeenAt)}</td>`,
  ];
  return `<tr${f.known === null ? ' class="new"' : ''}>${cells.join('')}</tr>`;
}

/** The findings table: one row per finding, linking to its details below. @public */
export function findingsTable(findings: readonly StoredFinding[], dir: string | null): string {
  if (findings.length === 0) return '<p>None.</p>';
  const head = ['Signature', 'Class', 'What', 'Known', 'Requests', 'First seen'].map((h) => `<th>${h}</th>`).join('');
  return `<table class="findings">\n<tr>${head}</tr>\n${orderFindings(findings).map((f) => findingRow(f, dir)).join('\n')}\n</table>`;
}

/** Which lines of `count` to show: all, or MAX_SHOWN_LINES around line `focus`. */
function shownRange(count: number, focus: number | null): [number, number] {
  if (count <= MAX_SHOWN_LINES) return [0, count];
  const start = Math.max(0, Math.min((focus ?? 0) - 10, count - MAX_SHOWN_LINES));
  return [start, start + MAX_SHOWN_LINES];
}

/** A file's lines, numbered, the line at index `mark` highlighted; with a note when not all are shown. */
function numberedLines(file: FileText, mark: number | null): string {
  const lines = linesOf(file.text);
  const [from, to] = shownRange(lines.length, mark);
  const width = String(to).length;
  const body = lines.slice(from, to).map((line, k) => {
    const n = from + k;
    const text = `<span class="ln">${String(n + 1).padStart(width)}</span>  ${escapeHtml(line)}`;
    return n === mark ? `<mark>${text}</mark>` : text;
  });
  if (mark !== null && mark >= lines.length) body.push(`<mark><span class="ln">${String(mark + 1).padStart(width)}</span>  (end: no more lines)</mark>`);
  const cut = from > 0 || to < lines.length || file.truncated;
  const note = cut
    ? `<p class="note">Lines ${formatCount(from + 1)}–${formatCount(to)} of ${file.truncated ? 'more than ' : ''}${formatCount(lines.length)}; the whole file: <a href="${escapeHtml(file.href)}">${escapeHtml(file.href)}</a>.</p>`
    : '';
  return `<pre class="lines">${body.join('\n')}</pre>${note}`;
}

function transcriptColumn(side: 'Expected' | 'Actual', t: Transcript | null, mark: number | null, missing: string): string {
  if (!t) return `<div><h4>${side}</h4><p class="note">${escapeHtml(missing)}</p></div>`;
  return `<div><h4>${side}: ${escapeHtml(t.label)}</h4>${numberedLines(t, mark)}</div>`;
}

function comparison(d: Evidence): string {
  const { expected, actual } = d;
  const divergence = expected && actual ? firstDivergence(linesOf(expected.text), linesOf(actual.text)) : null;
  const mark = divergence?.index ?? null;
  const missing = 'not stored (the finding is not minimised yet)';
  const expectedMissing = d.expectedNote ?? missing;
  const verdict =
    expected && actual
      ? divergence
        ? `<p>First difference: line ${formatCount(divergence.index + 1)}, marked.</p>`
        : '<p>The two transcripts agree; the failure is in what the contract checks beyond them (see the detail above).</p>'
      : '';
  const note = d.expectedNote && expected ? `<p class="note">${escapeHtml(d.expectedNote)}</p>` : '';
  return `${verdict}${note}\n<div class="compare">\n${transcriptColumn('Expected', expected, mark, expectedMissing)}\n${transcriptColumn('Actual', actual, mark, missing)}\n</div>`;
}

function filesLine(f: StoredFinding, d: Evidence, dir: string): string {
  const files = d.files.map((file) => `<a href="${escapeHtml(file.href)}">${escapeHtml(file.name)}</a>`);
  const docs = f.known === null ? [] : findingsDocEntries(dir, f.known).map((e) => `<a href="${escapeHtml(e.href)}">FINDINGS.md: ${escapeHtml(`${e.id}: ${e.title.replace(/`/g, '')}`)}</a>`);
  return `<p class="files">Files in <a href="${escapeHtml(d.href)}"><code>${escapeHtml(d.href)}</code></a>: ${[...files, ...docs].join(' · ')}</p>`;
}

function details(f: StoredFinding, dir: string | null): string {
  const fresh = f.known === null;
  const what = `${f.class}${f.backend ? ` (${f.backend})` : ''} ${f.what}, ${formatCount(f.requests)} request${f.requests === 1 ? '' : 's'}${f.partial ? ', not yet minimal' : ''}`;
  const d = dir === null ? null : readEvidence(dir, f);
  const parts = [
    `<summary><code>${escapeHtml(f.signature)}</code> ${fresh ? '<span class="tag-new">NEW</span>' : escapeHtml(f.known!)}: ${escapeHtml(what)}</summary>`,
    `<p>${escapeHtml(f.detail)}</p>`,
    `<p>Replay: <code>${escapeHtml(f.replay)}</code></p>`,
    ...(d && dir !== null
      ? [
          filesLine(f, d, dir),
          '<h4>Trace (repro.trace)</h4>',
          d.trace ? numberedLines(d.trace, null) : '<p class="note">No trace stored.</p>',
          comparison(d),
        ]
      : []),
  ];
  return `<details class="finding${fresh ? ' new' : ''}" id="${escapeHtml(findingId(f))}"${fresh ? ' open' : ''}>\n${parts.join('\n')}\n</details>`;
}

/**
 * Every finding in detail, new ones open. With `dir` null (a report without its directory)
 * only what report.json says is shown.
 * @public
 */
export function findingDetails(findings: readonly StoredFinding[], dir: string | null): string {
  if (findings.length === 0) return '';
  const intro = '<h3>Each finding</h3>\n<p class="note">New findings are open; open a known one by its line. Links lead to the files in the campaign directory.</p>';
  return [intro, ...orderFindings(findings).map((f) => details(f, dir))].join('\n');
}
