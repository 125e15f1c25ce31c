import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_SHOWN_LINES } from '../../../fuzz/render/findingsHtml.ts';
import { headingAnchor } from '../../../fuzz/render/findingsDoc.ts';
import { renderHtml } from '../../../fuzz/render/html.ts';
import { BARE, campaignDir, EVIL, KNOWN, NEW } from './__helpers__/campaignDir.ts';
import { finding, report } from './__helpers__/reports.ts';

/** The `<details>` of one finding. */
function detailsOf(html: string, signature: string): string {
  const start = html.indexOf(`id="finding-${signature}"`);
  expect(start, signature).toBeGreaterThan(0);
  return html.slice(start, html.indexOf('</details>', start));
}

const hrefs = (html: string): string[] => [...html.matchAll(/\bhref="([^"]*)"/g)].map((m) => m[1]!);

describe('report.html findings, rendered with the campaign directory', () => {
  const dir = campaignDir();
  const html = renderHtml(report(), dir);

  it('links every file of a finding, relative to the report, and each link resolves', () => {
    const own = hrefs(detailsOf(html, NEW)).filter((h) => h.startsWith('findings/'));
    expect(own).toEqual([`findings/${NEW}/`, `findings/${NEW}/repro.trace`, `findings/${NEW}/expected.txt`, `findings/${NEW}/ts.transcript`, `findings/${NEW}/finding.json`]);
    for (const href of hrefs(html).filter((h) => !h.startsWith('#'))) {
      expect(href).not.toMatch(/^(\/|[a-z]+:)/i);
      expect(() => readFileSync(resolve(dir, href.split('#')[0]!.replace(/\/$/, '/.')))).not.toThrow(/ENOENT/);
    }
  });

  it("links a known finding to its FINDINGS.md entry by the heading's anchor", () => {
    const headings = readFileSync('FINDINGS.md', 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('## '))
      .map((l) => headingAnchor(l.slice(3)));
    const links = hrefs(html).filter((h) => h.includes('FINDINGS.md#'));
    expect(links.length).toBeGreaterThanOrEqual(4); // table and details, two known findings
    for (const link of links) expect(headings).toContain(link.split('#')[1]);
    expect(detailsOf(html, KNOWN)).toContain('FINDINGS.md: GPUVM-004: Zero-size map/unmap/insert requests are accepted and split existing mappings</a>');
    expect(headingAnchor('Code findings: upstream status by era')).toBe('code-findings-upstream-status-by-era');
  });

  it('shows the trace, and expected against actual with the first difference marked on both sides', () => {
    const d = detailsOf(html, NEW);
    expect(d).toContain(' open>');
    expect(d).toMatch(/<span class="ln">2<\/span> {2}init 0x0 0x8000 0x0 0x0/);
    expect(d).toContain('<h4>Expected: documented contract, from the model (expected.txt)</h4>');
    expect(d).toContain('<h4>Actual: faithful TypeScript port (ts.transcript)</h4>');
    expect(d).toContain('First difference: line 4, marked.');
    const marks = [...d.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1]);
    expect(marks).toEqual([
      '<span class="ln">4</span>  UNMAP 0x1000 0x1000 1 0x0 keep=1',
      '<span class="ln">4</span>  UNMAP 0x1000 0x1000 1 0x0 keep=0 &lt;script&gt;alert(1)&lt;/script&gt;',
    ]);
    expect(html).not.toContain(EVIL);
  });

  it('folds known findings and says what is not stored yet', () => {
    expect(detailsOf(html, KNOWN)).not.toContain(' open>');
    const bare = detailsOf(html, BARE);
    expect(bare).toContain('not stored (the finding is not minimised yet)');
    expect(bare).toContain(`<a href="findings/${BARE}/repro.trace">repro.trace</a>`);
  });

  it('shows a window of a long transcript around its first difference, linking the whole file', () => {
    const long = renderHtml(report(), campaignDir(true));
    const d = detailsOf(long, NEW);
    expect(d).toContain('First difference: line 604, marked.');
    // The last MAX_SHOWN_LINES lines: the difference is on the last one.
    expect(d).toContain(`Lines ${605 - MAX_SHOWN_LINES}–604 of 604; the whole file: <a href="findings/${NEW}/ts.transcript">`);
    expect(d).toMatch(/<mark><span class="ln">604<\/span>/);
  });
});

describe('report.html findings without the campaign directory', () => {
  it('still shows each finding with its detail and replay command, linking nothing outside the page', () => {
    const html = renderHtml(report({ findings: [finding(NEW, { known: null, detail: EVIL })] }));
    expect(detailsOf(html, NEW)).toContain('&lt;script&gt;');
    expect(hrefs(html)).toEqual([`#finding-${NEW}`]);
  });
});
