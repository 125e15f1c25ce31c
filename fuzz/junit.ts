/**
 * JUnit XML for CI systems: a `<testsuites>` root with two `<testsuite>`s, the campaign itself
 * (one test case) and its findings (one test case each: failed when new, skipped when known,
 * with the registered id). With the report's directory, each finding's `<system-out>` carries
 * its trace and the diff of the expected and actual transcripts, as in report.html. Paths are
 * as the report records them: relative where the campaign was given a relative directory.
 */
import { writeFileSync } from 'node:fs';
import type { CampaignReport } from './report.ts';
import { readEvidence } from './render/evidence.ts';
import { orderFindings } from './render/findingOrder.ts';
import { formatCount } from './render/format.ts';
import { unifiedDiff } from './render/lineDiff.ts';
import type { StoredFinding } from './types.ts';

/** Escapes text for XML attributes and content, dropping characters XML 1.0 cannot hold. */
const escapeXml = (s: string): string =>
  s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/** What `<system-out>` says of a finding: the replay command, its trace and the diff. */
function findingOutput(f: StoredFinding, dir: string | null): string {
  const parts = [`${f.detail}\nreplay: ${f.replay}`];
  if (dir !== null) {
    const e = readEvidence(dir, f);
    if (e.trace) parts.push(`trace (${e.trace.href}):\n${e.trace.text}${e.trace.truncated ? '... (cut; the file has the rest)\n' : ''}`);
    if (e.expected && e.actual) {
      const diff = unifiedDiff(e.expected.text, e.actual.text, { expected: e.expected.label, actual: e.actual.label });
      parts.push(diff === '' ? 'expected and actual transcripts agree\n' : `diff:\n${diff}`);
    }
    if (e.expectedNote) parts.push(`${e.expectedNote}\n`);
  }
  return parts.join('\n');
}

function findingCase(f: StoredFinding, dir: string | null): string {
  const open = `    <testcase classname="gpuvm-check.findings" name="${escapeXml(f.signature)}">`;
  const verdict =
    f.known === null
      ? `      <failure message="${escapeXml(`${f.class} ${f.what}: ${f.detail}`)}" type="${escapeXml(f.class)}">${escapeXml(f.replay)}</failure>`
      : `      <skipped message="${escapeXml(`known finding ${f.known}`)}"/>`;
  return `${open}\n${verdict}\n      <system-out>${escapeXml(findingOutput(f, dir))}</system-out>\n    </testcase>`;
}

function suite(name: string, attrs: { tests: number; failures: number; skipped: number; time: number }, cases: readonly string[]): string {
  const head = `  <testsuite name="${escapeXml(name)}" tests="${attrs.tests}" failures="${attrs.failures}" errors="0" skipped="${attrs.skipped}" time="${attrs.time}">`;
  return cases.length === 0 ? `${head.slice(0, -1)}/>` : `${head}\n${cases.join('\n')}\n  </testsuite>`;
}

/**
 * The JUnit XML of a report; with `dir`, the report's directory, each finding carries its
 * trace and diff.
 * @public
 */
export function renderJunit(report: CampaignReport, dir: string | null = null): string {
  const findings = orderFindings(report.findings);
  const failures = findings.filter((f) => f.known === null).length;
  const skipped = findings.length - failures;
  const time = Number.isFinite(report.elapsedSeconds) ? report.elapsedSeconds : 0;
  const campaign = suite('gpuvm-check.campaign', { tests: 1, failures: 0, skipped: 0, time }, [
    `    <testcase classname="gpuvm-check.campaign" name="${escapeXml(report.campaign)}" time="${time}">\n` +
      `      <system-out>${escapeXml(`${formatCount(report.stats.requests)} requests checked, ${formatCount(report.jobsDone)} jobs, stopped by ${report.stoppedBy}`)}</system-out>\n` +
      '    </testcase>',
  ]);
  const found = suite('gpuvm-check.findings', { tests: findings.length, failures, skipped, time: 0 }, findings.map((f) => findingCase(f, dir)));
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="gpuvm-check fuzz ${escapeXml(report.campaign)}" tests="${1 + findings.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${time}">\n` +
    `${campaign}\n${found}\n</testsuites>\n`
  );
}

/** Writes the JUnit XML of the report in the campaign directory `dir` to `path`. @public */
export function writeJunit(path: string, report: CampaignReport, dir: string | null = null): void {
  writeFileSync(path, renderJunit(report, dir));
}
