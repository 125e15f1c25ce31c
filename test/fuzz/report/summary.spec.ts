import { describe, expect, it } from 'vitest';
import { renderSummary } from '../../../fuzz/render/summary.ts';
import { emptyReport, finding, report } from './__helpers__/reports.ts';

/** The table rows (lines starting with `|`) of the section under `heading`. */
function tableUnder(md: string, heading: string): string[] {
  const start = md.indexOf(heading);
  expect(start, `heading ${heading}`).toBeGreaterThanOrEqual(0);
  const rest = md.slice(start + heading.length).split('\n');
  const from = rest.findIndex((l) => l.startsWith('|'));
  const to = rest.findIndex((l, i) => i > from && !l.startsWith('|'));
  return rest.slice(from, to);
}

/** Cells of a Markdown table row, splitting on unescaped pipes. */
const cells = (line: string): string[] => line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());

describe('renderSummary', () => {
  const r = report();
  const md = renderSummary(r);

  it('states the campaign facts, with requests per second over the whole run', () => {
    expect(md).toContain('# Fuzz campaign `ci-seed7-shard1of2`');
    expect(md).toContain('| Seed | 7 |');
    expect(md).toContain('| Shards | 1/2 |');
    expect(md).toContain('| Requests checked | 120,000 (2,000/s) |');
    expect(md).toContain('| Peak RSS | 300 MB |');
    expect(md).toContain('| Duration | 1 min 00 s, stopped by duration |');
    expect(md).toContain('| Max live VAs | 19 |');
  });

  it('lists every finding with its replay command, new ones first and marked NEW', () => {
    const rows = tableUnder(md, '## Findings').slice(2);
    expect(rows).toHaveLength(r.findings.length);
    expect(cells(rows[0]!)).toEqual([
      '`invariant-keep-flag-map-new`',
      'invariant',
      '`keep-flag`',
      '**NEW**',
      '2',
      '`npx gpuvm-check check reports/t/findings/invariant-keep-flag-map-new`',
    ]);
    // Known ones follow by id: GPUVM-002 before GPUVM-004.
    expect(cells(rows[1]!)[3]).toBe('GPUVM-002');
    expect(cells(rows[2]!)[3]).toBe('GPUVM-004');
    expect(md).toContain('**1 NEW finding (and 2 known findings).**');
  });

  it('describes each documented case in one line and marks those never reached', () => {
    expect(md).toContain('### Documented split/merge cases: 13 of 15 reached');
    expect(md).toContain('Never reached: **7**, **12**.');
    const rows = tableUnder(md, '### Documented split/merge cases').slice(2).map(cells);
    expect(rows.map((c) => c[0])).toEqual(Array.from({ length: 15 }, (_v, i) => String(i + 1)));
    expect(rows[6]).toEqual(['7', 'request a right-aligned part of the VA, other BO: VA split, offset unchanged', '**missing**', '0.0%']);
    expect(rows[0]?.[2]).toBe('10');
    expect(rows.every((c) => c[1]!.length > 20)).toBe(true);
  });

  it('marks missing op shapes and invariants, and lists every request kind', () => {
    expect(md).toContain('### Op shapes: 9 of 10 produced');
    expect(md).toContain('Never produced: `REMAP prev+next keep=1`.');
    expect(md).toMatch(/### Invariants: 4 of 15 counted/);
    expect(md).toContain('| `validity:E22` | 20,000 |');
    expect(md).toContain('| `fail_alloc` | 0 | 0.0% |');
  });

  it('lists live-VA buckets in bucket order, gaps filled', () => {
    const labels = tableUnder(md, '### Live VAs after a request (max 19)').slice(2).map((l) => cells(l)[0]);
    expect(labels).toEqual(['0', '1', '2-3', '4-7', '8-15', '16-31']);
  });

  it('keeps table cells intact and HTML inert whatever the finding strings hold', () => {
    const nasty = report({
      findings: [finding('sig|x', { known: null, what: 'a`b', detail: '<script>alert(1)</script> | *bold*', replay: 'run a | b' })],
    });
    const out = renderSummary(nasty);
    const row = tableUnder(out, '## Findings')[2]!;
    expect(cells(row)).toHaveLength(6);
    expect(out).not.toContain('<script>');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt; \\| \\*bold\\*');
    expect(cells(row)[2]).toBe('``a`b``');
  });

  it('renders an empty campaign without NaN or Infinity', () => {
    const out = renderSummary(emptyReport());
    expect(out).not.toMatch(/NaN|Infinity|undefined/);
    expect(out).toContain('## Findings\n\nNone.');
    expect(out).toContain('### Documented split/merge cases: 0 of 15 reached');
    expect(out).toContain('| Requests checked | 0 (0/s) |');
    expect(out).toContain('**No findings.**');
    expect(out).toContain('### Live VAs after a request (max 0)\n\nNone counted.');
  });
});
