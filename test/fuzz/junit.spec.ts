import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../fuzz/junit.ts';
import { parseXml } from '../__helpers__/xml.ts';
import type { XmlElement } from '../__helpers__/xml.ts';
import { campaignDir, EVIL, KNOWN, NEW } from './report/__helpers__/campaignDir.ts';
import { report } from './report/__helpers__/reports.ts';

const child = (e: XmlElement, name: string): XmlElement | undefined => e.children.find((c) => c.name === name);

describe('renderJunit', () => {
  const xml = renderJunit(report(), campaignDir());
  const root = parseXml(xml);
  const [campaign, findings] = root.children;

  it('is a <testsuites> root holding a suite for the campaign and one for its findings, with consistent counts', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(root.name).toBe('testsuites');
    expect(root.children.map((c) => [c.name, c.attrs.name])).toEqual([
      ['testsuite', 'gpuvm-check.campaign'],
      ['testsuite', 'gpuvm-check.findings'],
    ]);
    expect(campaign!.children.map((c) => c.attrs.name)).toEqual(['ci-seed7-shard1of2']);
    expect(findings!.children.every((c) => c.name === 'testcase')).toBe(true);
    expect(findings!.attrs).toMatchObject({ tests: '3', failures: '1', skipped: '2' });
    expect(root.attrs).toMatchObject({ tests: '4', failures: '1', skipped: '2', errors: '0' });
  });

  it('fails a new finding and skips a known one, naming its registered id', () => {
    const [fresh, ...known] = findings!.children;
    expect(fresh!.attrs.name).toBe(NEW);
    expect(child(fresh!, 'failure')!.attrs.message).toBe('invariant keep-flag: keep-flag: keep=0 for [0x1000 +0x1000 obj 1 @0x0]; expected 1');
    expect(child(fresh!, 'skipped')).toBeUndefined();
    expect(known.map((k) => child(k, 'skipped')?.attrs.message)).toEqual(['known finding GPUVM-002', 'known finding GPUVM-004']);
    expect(known.every((k) => child(k, 'failure') === undefined)).toBe(true);
  });

  it("carries each finding's trace and the diff of expected and actual in <system-out>, markup escaped", () => {
    const out = child(findings!.children[0]!, 'system-out')!.text;
    expect(out).toContain(`replay: npx gpuvm-check check reports/t/findings/${NEW}`);
    expect(out).toContain(`trace (findings/${NEW}/repro.trace):\n# invariant keep-flag: ${EVIL}\ninit 0x0 0x8000 0x0 0x0\n`);
    expect(out).toContain(
      [
        'diff:',
        '--- expected: documented contract, from the model (expected.txt)',
        '+++ actual: faithful TypeScript port (ts.transcript)',
        '  > init 0x0 0x8000 0x0 0x0',
        '  OK',
        '  > map 0x1000 0x1000 1 0x0',
        '- UNMAP 0x1000 0x1000 1 0x0 keep=1',
        `+ UNMAP 0x1000 0x1000 1 0x0 keep=0 ${EVIL}`,
      ].join('\n'),
    );
    expect(xml).not.toContain(EVIL);
    const knownOut = child(findings!.children.find((c) => c.attrs.name === KNOWN)!, 'system-out')!.text;
    expect(knownOut).toContain('- ERR -22 EINVAL\n+ MAP 0x0 0x0 1 0x0\n+ OK');
  });

  it('stays well-formed with markup, quotes and control characters in the report, and without findings', () => {
    const nasty = renderJunit(report({ campaign: `a"<b>&\u0001`, findings: [] }));
    const parsed = parseXml(nasty);
    expect(parsed.attrs.name).toBe('gpuvm-check fuzz a"<b>&');
    expect(parsed.children[1]!.children).toHaveLength(0);
  });
});
