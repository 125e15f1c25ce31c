import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coverageOf } from '../../../src/coverage/coverage.ts';
import { renderCoverageHtml, sourceCoverageSection } from '../../../fuzz/render/sourceCoverage.ts';
import { sourceCoverageMarkdown } from '../../../fuzz/render/sourceCoverageMd.ts';

/** A synthetic source of our own (never kernel text): line 2 partly taken, line 4 never run. */
function synthetic(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'gpuvm-srccov-')), 'tiny.c');
  writeFileSync(file, ['int f(int a)', '{ if (a < 1 && a > -5)', '\treturn 1;', '\treturn a <b>;', '}'].join('\n'));
  return file;
}

const coverageFor = (file: string) =>
  coverageOf(file, [
    {
      name: 'f',
      startLine: 1,
      endLine: 5,
      calls: 1234,
      lines: [
        { line: 1, count: 1234, branches: [] },
        { line: 2, count: 1234, branches: [1234, 0, 5, 7] },
        { line: 3, count: 1234, branches: [] },
        { line: 4, count: 0, branches: [] },
      ],
    },
  ]);

describe('the annotated source in report.html', () => {
  it('shows counts, highlights never-run lines and untaken branches, and escapes the text', () => {
    const html = sourceCoverageSection(coverageFor(synthetic()));
    expect(html).toContain('Lines: 3 of 4 (75.0 %). Branches: 3 of 4 (75.0 %).');
    expect(html).toMatch(/<span class="partial" title="branches taken: 1,234, 0, 5, 7"><b>\s+2\s+1,234\s+3\/4<\/b> {2}\{ if \(a &lt; 1 &amp;&amp; a &gt; -5\)<\/span>/);
    expect(html).toMatch(/<span class="never"><b>\s+4\s+0\s+<\/b> {2}\treturn a &lt;b&gt;;<\/span>/);
    // A line that is not code (the closing brace) has no count and no highlight.
    expect(html).toMatch(/<span><b>\s+5\s+<\/b> {2}\}<\/span>/);
    expect(html).not.toContain('<b>;');
  });

  it('lists the counted lines without text when the source cannot be read', () => {
    const html = sourceCoverageSection(coverageFor('/nonexistent/tiny.c'));
    expect(html).toContain('could not be read at /nonexistent/tiny.c');
    expect(html.match(/<span( class="\w+")?( title="[^"]*")?><b>/g)).toHaveLength(4);
  });

  it('is absent without coverage, and makes a page of its own for gpuvm-check coverage', () => {
    expect(sourceCoverageSection(undefined)).toBe('');
    const page = renderCoverageHtml(coverageFor(synthetic()));
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect(page).toContain("default-src 'none'");
    expect(page).toContain('<pre class="cov-source">');
  });
});

describe('the C coverage part of summary.md', () => {
  it('gives the figures and the functions not fully covered', () => {
    const md = sourceCoverageMarkdown(coverageFor('/x/tiny.c')).join('\n');
    expect(md).toContain('## C coverage of `/x/tiny.c`');
    expect(md).toContain('| Lines | 3 | 4 | 75.0 % |');
    expect(md).toContain('| Branches | 3 | 4 | 75.0 % |');
    expect(md).toContain('| `f` | 1 | 1,234 | 3/4 | 3/4 |');
    expect(sourceCoverageMarkdown(undefined)).toEqual([]);
  });
});
