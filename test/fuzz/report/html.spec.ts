import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../fuzz/render/html.ts';
import { DOC_CASE_TITLES } from '../../../properties/classify.ts';
import { escapeHtml } from '../../../fuzz/render/escape.ts';
import { emptyReport, finding, report } from './__helpers__/reports.ts';

const TITLES = [
  'Throughput over time',
  'Documented split/merge cases',
  'Op shapes',
  'Request kinds',
  'Invariants checked',
  'Live VAs after a request',
];

const count = (html: string, pattern: RegExp): number => (html.match(pattern) ?? []).length;
const svgs = (html: string): string[] => html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
/** The accessible title of an SVG chart: its first `<title>`. */
const titleOf = (svg: string): string | undefined => /<svg[^>]*>\s*<title>([^<]*)<\/title>/.exec(svg)?.[1];

describe('renderHtml', () => {
  const html = renderHtml(report());

  it('is one document with balanced charts and tables', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(count(html, /<html\b/g)).toBe(1);
    expect(count(html, /<\/html>/g)).toBe(1);
    expect(count(html, /<svg\b/g)).toBe(count(html, /<\/svg>/g));
    expect(count(html, /<table\b/g)).toBe(count(html, /<\/table>/g));
    expect(count(html, /<figure>/g)).toBe(count(html, /<\/figure>/g));
    expect(count(html, /<tr\b/g)).toBe(count(html, /<\/tr>/g));
  });

  it('has exactly one chart per plot, each with its title', () => {
    const titles = svgs(html).map(titleOf);
    expect(titles).toHaveLength(TITLES.length);
    expect([...titles].sort()).toEqual([...TITLES].sort());
    for (const svg of svgs(html)) expect(svg).toContain(`font-weight="bold">${titleOf(svg)}</text>`);
  });

  it('loads nothing from anywhere: no script, link, external source or font; links only within the page', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|\bsrc=|@font-face/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    const hrefs = [...html.matchAll(/\bhref="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^#finding-/);
  });

  it('describes each of the 15 documented cases in one line, beside its count', () => {
    const table = html.slice(html.indexOf('<table class="cases">')).split('</table>')[0]!;
    const rows = table.split('<tr').slice(2);
    expect(rows).toHaveLength(15);
    DOC_CASE_TITLES.forEach((title, i) => expect(rows[i]).toContain(`<td>${escapeHtml(title)}</td>`));
    expect(rows[6]).toContain('class="missing"');
    expect(rows[7]).toContain('>80<');
  });

  it('plots memory over time when the samples carry it', () => {
    const withRss = renderHtml(report({ throughput: report().throughput.map((s, i) => ({ ...s, rssMb: 200 + 10 * i })) }));
    const chart = svgs(withRss).find((svg) => titleOf(svg) === 'Memory over time')!;
    expect(chart).toBeDefined();
    expect(count(chart, /<polyline /g)).toBe(1);
    expect(count(chart, /<circle /g)).toBe(3);
    expect(withRss).toContain('Peak 300 MB with 4 worker(s).');
    expect(svgs(html).map(titleOf)).not.toContain('Memory over time');
  });

  it('draws missing documented cases and op shapes in red, zero-height', () => {
    const docs = svgs(html).find((s) => titleOf(s) === 'Documented split/merge cases')!;
    expect(docs).toMatch(/height="0" fill="#c62828"><title>7: 0 \(missing\)<\/title>/);
    expect(docs).toMatch(/height="0" fill="#c62828"><title>12: 0 \(missing\)<\/title>/);
    expect(docs).not.toMatch(/fill="#c62828"><title>8:/);
    expect(count(docs, /<rect [^>]*><title>/g)).toBe(15);
    const shapes = svgs(html).find((s) => titleOf(s) === 'Op shapes')!;
    expect(shapes).toMatch(/width="0" height="[\d.]+" fill="#c62828"><title>REMAP prev\+next keep=1: 0 \(missing\)<\/title>/);
    expect(shapes).toContain('9 of 10 produced; red: never produced');
  });

  it('plots the live-VA histogram in bucket order with gaps filled', () => {
    const hist = svgs(html).find((s) => titleOf(s) === 'Live VAs after a request')!;
    const labels = [...hist.matchAll(/<title>([^<:]+): /g)].map((m) => m[1]);
    expect(labels).toEqual(['0', '1', '2-3', '4-7', '8-15', '16-31']);
  });

  it('plots throughput as two lines with a point per sample', () => {
    const chart = svgs(html).find((s) => titleOf(s) === 'Throughput over time')!;
    expect(count(chart, /<polyline /g)).toBe(2);
    expect(count(chart, /<circle /g)).toBe(2 * report().throughput.length);
    expect(chart).toContain('requests/s (left axis)');
  });

  it('shows findings new first, each with its replay command', () => {
    const rows = html.slice(html.indexOf('<table class="findings">')).split('</table>')[0]!.split('<tr').slice(2);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('class="new"');
    expect(rows[0]).toContain('invariant-keep-flag-map-new');
    expect(rows[1]).toContain('GPUVM-002');
    for (const f of report().findings) expect(html).toContain(`<code>${f.replay}</code>`);
  });

  it('escapes every string from the report, so no markup can be injected', () => {
    const evil = '<script>alert(1)</script>';
    const html = renderHtml(
      report({
        campaign: `"><img src=x onerror=alert(1)>`,
        cSource: evil,
        stats: { ...report().stats, byKind: { [evil]: 3 }, invariantChecks: { [`x${evil}`]: 1 } },
        findings: [finding(`sig'"${evil}`, { known: null, detail: `</pre></td></tr></table>${evil}`, what: evil, replay: `run '${evil}'` })],
        machine: { cpus: 1, node: evil, platform: evil, peakRssMb: 1 },
      }),
    );
    expect(html).not.toMatch(/<script|<img|onerror=alert\(1\)>/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;/pre&gt;&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(count(html, /<table\b/g)).toBe(count(html, /<\/table>/g));
  });

  it('renders empty statistics without NaN or Infinity', () => {
    const html = renderHtml(emptyReport());
    expect(html).not.toMatch(/NaN|Infinity|undefined/);
    expect(svgs(html)).toHaveLength(TITLES.length);
    expect(html).toContain('no samples');
    expect(html).toContain('<p>None.</p>');
  });

  it('survives non-finite numbers in a hand-edited report', () => {
    const html = renderHtml(
      report({ elapsedSeconds: Number.NaN, throughput: [{ t: Number.POSITIVE_INFINITY, requestsPerSec: Number.NaN, liveVas: 1 }] }),
    );
    expect(html).not.toMatch(/NaN|Infinity/);
  });
});
