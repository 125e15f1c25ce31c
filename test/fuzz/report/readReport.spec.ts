import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeReports, readReport } from '../../../fuzz/merge.ts';
import { report } from './__helpers__/reports.ts';

const dir = mkdtempSync(join(tmpdir(), 'gpuvm-report-'));
let n = 0;
/** Writes `content` (an object as JSON, or raw text) to a fresh file and returns its path. */
function file(content: unknown): string {
  const path = join(dir, `r${n++}`, 'report.json');
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** The report as a plain JSON object, with `edit` applied. */
function edited(edit: (json: Record<string, any>) => void): Record<string, any> {
  const json = JSON.parse(JSON.stringify(report()));
  edit(json);
  return json;
}

describe('readReport', () => {
  it('reads a valid report as written', () => {
    expect(readReport(file(report()))).toEqual(report());
  });

  it('reads what mergeReports writes', () => {
    const merged = mergeReports([report(), report({ shards: ['2/2'] })]);
    expect(readReport(file(merged))).toEqual(merged);
  });

  it('names the file when it cannot be read', () => {
    const path = join(dir, 'nope', 'report.json');
    expect(() => readReport(path)).toThrow(`${path}: cannot read the report (ENOENT)`);
  });

  it('names the file when it is not JSON', () => {
    const path = file('{"schema": ');
    expect(() => readReport(path)).toThrow(new RegExp(`^${path}: not valid JSON`));
  });

  it('names the file and the schema it has', () => {
    const path = file(edited((j) => (j.schema = 'gpuvm-check/campaign-report@2')));
    expect(() => readReport(path)).toThrow(`${path}: schema is "gpuvm-check/campaign-report@2", expected "gpuvm-check/campaign-report@1"`);
    const none = file({ hello: 1 });
    expect(() => readReport(none)).toThrow(`${none}: missing field 'schema'`);
    const list = file([]);
    expect(() => readReport(list)).toThrow(`${list}: the file must be an object, got an array`);
  });

  it.each([
    ['a missing top-level field', (j: any) => delete j.seed, "missing field 'seed'"],
    ['a missing nested field', (j: any) => delete j.stats.byKind, "missing field 'stats.byKind'"],
    ['a count of the wrong type', (j: any) => (j.stats.byKind.map = 'many'), `field 'stats.byKind.map' must be a non-negative number, got string "many"`],
    ['an unknown backend', (j: any) => (j.backend = 'rust'), `field 'backend' must be one of ts, c, both, got string "rust"`],
    ['a bad finding', (j: any) => (j.findings[1].known = 4), `field 'findings[1].known' must be a string or null, got number 4`],
    ['a bad sample', (j: any) => (j.throughput[0].t = -1), `field 'throughput[0].t' must be a non-negative number, got number -1`],
    ['shards not strings', (j: any) => (j.shards = [1]), `field 'shards[0]' must be a string, got number 1`],
    ['a missing machine field', (j: any) => delete j.machine.peakRssMb, "missing field 'machine.peakRssMb'"],
  ])('names the file and the field for %s', (_name, edit, problem) => {
    const path = file(edited(edit));
    expect(() => readReport(path)).toThrow(`${path}: ${problem}`);
  });
});
