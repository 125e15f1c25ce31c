/**
 * JUnit XML for CI systems: one test case per finding (failed when new), plus one for the
 * campaign itself.
 */
import { writeFileSync } from 'node:fs';
import type { CampaignReport } from './report.ts';

const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The JUnit XML of a report. @public */
export function renderJunit(report: CampaignReport): string {
  const failures = report.findings.filter((f) => f.known === null);
  const cases = [
    `  <testcase classname="gpuvm-check.campaign" name="${escapeXml(report.campaign)}" time="${report.elapsedSeconds}"/>`,
    ...report.findings.map((f) => {
      const name = `${escapeXml(f.signature)}`;
      if (f.known !== null) return `  <testcase classname="gpuvm-check.known-findings" name="${name}"/>`;
      return (
        `  <testcase classname="gpuvm-check.new-findings" name="${name}">\n` +
        `    <failure message="${escapeXml(`${f.class} ${f.what}: ${f.detail}`)}">${escapeXml(f.replay)}</failure>\n` +
        '  </testcase>'
      );
    }),
  ];
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuite name="gpuvm-check fuzz" tests="${cases.length}" failures="${failures.length}" time="${report.elapsedSeconds}">\n` +
    `${cases.join('\n')}\n</testsuite>\n`
  );
}

/** Writes the JUnit XML of a report to `path`. @public */
export function writeJunit(path: string, report: CampaignReport): void {
  writeFileSync(path, renderJunit(report));
}
