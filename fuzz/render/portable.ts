/**
 * Makes a campaign directory fit to commit or to hand on: the paths it records (the C source and
 * header, in report.json and in each finding.json) relative to the campaign directory,
 * `state.json` (resume state, bound to this machine) removed, and the pages rendered again.
 * `check` resolves a relative recorded path against the campaign directory. Run directly:
 *
 *   npx tsx fuzz/render/portable.ts reports/example
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CampaignReport } from '../report.ts';
import type { StoredFinding } from '../types.ts';
import { rerender } from './rerender.ts';

type Located = Pick<StoredFinding, 'cSource' | 'cHeader'>;

/** `path` relative to `dir` (`/`-separated) when absolute; as it is otherwise. */
const relativeTo = (dir: string, path: string): string => (isAbsolute(path) ? relative(dir, path).split(sep).join('/') : path);

/** `o` with its C source and header relative to `dir`. */
function relocated<T extends { readonly cSource?: string | null; readonly cHeader?: string | null }>(dir: string, o: T): T {
  return {
    ...o,
    ...(o.cSource ? { cSource: relativeTo(dir, o.cSource) } : {}),
    ...(o.cHeader ? { cHeader: relativeTo(dir, o.cHeader) } : {}),
  };
}

const writeJson = (path: string, value: unknown): void => writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);

/** Rewrites the campaign directory `dir` as described above. @public */
export function makePortable(dir: string): void {
  const reportPath = join(dir, 'report.json');
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as CampaignReport;
  writeJson(reportPath, { ...relocated(dir, report), findings: report.findings.map((f) => relocated(dir, f)) });
  const findings = join(dir, 'findings');
  for (const name of existsSync(findings) ? readdirSync(findings) : []) {
    const path = join(findings, name, 'finding.json');
    if (existsSync(path)) writeJson(path, relocated(dir, JSON.parse(readFileSync(path, 'utf8')) as Located));
  }
  rmSync(join(dir, 'state.json'), { force: true });
  rerender(dir);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dirs = process.argv.slice(2);
  if (dirs.length === 0) {
    process.stderr.write('usage: npx tsx fuzz/render/portable.ts <campaign-dir>...\n');
    process.exitCode = 2;
  }
  for (const dir of dirs) makePortable(dir);
}
