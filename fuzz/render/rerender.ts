/**
 * Re-renders `summary.md` and `report.html` of campaign directories from their `report.json`,
 * e.g. after the renderers changed. Run directly:
 *
 *   npx tsx fuzz/render/rerender.ts reports/example [more dirs...]
 *
 * The committed example (`reports/example/`) must equal what this writes; a test checks it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readReport } from '../merge.ts';
import { renderHtml } from './html.ts';
import { renderSummary } from './summary.ts';

/** The rendered files of the report in `dir`, by file name. @public */
export function renderedFiles(dir: string): Record<'summary.md' | 'report.html', string> {
  const report = readReport(join(dir, 'report.json'));
  return { 'summary.md': renderSummary(report), 'report.html': renderHtml(report, dir) };
}

/** Rewrites `summary.md` and `report.html` in `dir`. @public */
export function rerender(dir: string): void {
  for (const [name, text] of Object.entries(renderedFiles(dir))) writeFileSync(join(dir, name), text);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dirs = process.argv.slice(2);
  if (dirs.length === 0) {
    process.stderr.write('usage: npx tsx fuzz/render/rerender.ts <campaign-dir>...\n');
    process.exitCode = 2;
  }
  for (const dir of dirs) {
    rerender(dir);
    process.stdout.write(`${join(dir, 'summary.md')}, ${join(dir, 'report.html')}\n`);
  }
}
