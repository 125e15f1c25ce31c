/**
 * The C coverage part of `report.html` (`--coverage` campaigns, `gpuvm-check coverage`): the
 * figures, a table of functions, and the source annotated line by line with its hit count and
 * its branches, never-reached lines and lines with a branch never taken highlighted.
 *
 * The source text is read from the path the counts are of, at render time: it is the user's own
 * file, so it is embedded only in reports written for them. When it cannot be read (a report
 * moved to another machine) the annotation lists the counted lines without their text.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Coverage, HitTotal } from '../../src/coverage/coverage.ts';
import { lineCounts, percent } from '../../src/coverage/coverage.ts';
import { escapeHtml } from './escape.ts';
import { formatCount } from './format.ts';

const STYLE = `
table.cov-functions td.miss { background: #fff3cd; }
pre.cov-source { background: #fff; border: 1px solid #d6d8dc; padding: 6px 0; overflow-x: auto; white-space: pre; }
pre.cov-source span { display: block; padding: 0 8px; }
pre.cov-source .never { background: #fde2e2; }
pre.cov-source .partial { background: #fff3cd; }
pre.cov-source b { font-weight: normal; color: #777; }
`;

/** What one source line shows: its count (summed over the functions it belongs to) and its branches. */
interface Annotation {
  count: number;
  branches: number[];
}

function annotations(coverage: Coverage): Map<number, Annotation> {
  const byLine = new Map<number, Annotation>();
  for (const f of coverage.functions) {
    for (const l of lineCounts(f)) {
      const a = byLine.get(l.line) ?? { count: 0, branches: [] };
      a.count += l.count;
      a.branches.push(...l.branches);
      byLine.set(l.line, a);
    }
  }
  return byLine;
}

const figure = (h: HitTotal): string => `${formatCount(h.hit)} of ${formatCount(h.total)} (${percent(h)})`;

function sourceLines(file: string): string[] | null {
  if (!existsSync(file)) return null;
  try {
    return readFileSync(file, 'utf8').split('\n');
  } catch {
    return null;
  }
}

function annotatedLine(line: number, text: string, a: Annotation | undefined): string {
  const count = a === undefined ? '' : formatCount(a.count);
  const taken = a?.branches.filter((b) => b > 0).length ?? 0;
  const branches = a && a.branches.length > 0 ? `${taken}/${a.branches.length}` : '';
  const cls = a === undefined ? '' : a.count === 0 ? ' class="never"' : taken < a.branches.length ? ' class="partial"' : '';
  const title = a && a.branches.length > 0 ? ` title="branches taken: ${a.branches.map((b) => formatCount(b)).join(', ')}"` : '';
  return `<span${cls}${title}><b>${String(line).padStart(5)} ${count.padStart(10)} ${branches.padStart(7)}</b>  ${escapeHtml(text)}</span>`;
}

/** The section, or '' when the report has no C coverage. @public */
export function sourceCoverageSection(coverage: Coverage | undefined): string {
  if (!coverage) return '';
  const byLine = annotations(coverage);
  const text = sourceLines(coverage.file);
  const numbers = text ? Array.from({ length: text.length }, (_v, i) => i + 1) : [...byLine.keys()].sort((a, b) => a - b);
  const functions = coverage.functions.map((f) => {
    const miss = f.lines.hit < f.lines.total || f.branches.hit < f.branches.total ? ' class="miss"' : '';
    return `<tr><td><code>${escapeHtml(f.name)}</code></td><td class="num">${f.startLine}</td><td class="num">${formatCount(f.calls)}</td><td class="num"${miss}>${f.lines.hit}/${f.lines.total}</td><td class="num"${miss}>${f.branches.hit}/${f.branches.total}</td></tr>`;
  });
  return [
    `<style>${STYLE}</style>`,
    `<h2>C coverage of <code>${escapeHtml(coverage.file)}</code></h2>`,
    `<p>Lines: ${figure(coverage.lines)}. Branches: ${figure(coverage.branches)}. Functions entered: ${coverage.functions.filter((f) => f.calls > 0).length} of ${coverage.functions.length}.</p>`,
    '<table class="cov-functions"><tr><th>Function</th><th>Line</th><th>Calls</th><th>Lines hit</th><th>Branches taken</th></tr>',
    ...functions,
    '</table>',
    `<p>The source, annotated: line, times executed, branches taken of all. <span style="background:#fde2e2">Never executed</span>; <span style="background:#fff3cd">a branch never taken</span> (hover for each branch's count).${text ? '' : ` The source could not be read at ${escapeHtml(coverage.file)}: counted lines only.`}</p>`,
    `<pre class="cov-source">${numbers.map((n) => annotatedLine(n, text?.[n - 1] ?? '', byLine.get(n))).join('')}</pre>`,
  ].join('\n');
}

/** A page of its own (`gpuvm-check coverage --out`): the section with the report's look. @public */
export function renderCoverageHtml(coverage: Coverage): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>gpuvm-check coverage of ${escapeHtml(coverage.file)}</title>
<style>body { font: 14px/1.45 system-ui, sans-serif; margin: 24px; } table { border-collapse: collapse; } th, td { border: 1px solid #d6d8dc; padding: 2px 8px; } td.num { text-align: right; } code, pre { font-size: 12px; }</style>
</head>
<body>
${sourceCoverageSection(coverage)}
</body>
</html>
`;
}
