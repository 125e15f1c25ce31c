/**
 * The KUnit export: which transcript a trace is expected to print, how each of its lines becomes
 * C, and (on the seed) that the generated test passes where the C code meets the expectations and
 * fails as soon as any one expectation is wrong.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRequests } from '../../src/driver/runTrace.ts';
import { expectationOf } from '../../src/export/expectation.ts';
import { KunitExportError, kunitTestFile } from '../../src/export/kunit.ts';
import { caseName, exportKunitCommand, kunitFileFor } from '../../src/export/kunitCommand.ts';
import { runKunit } from '../../src/export/kunitRun.ts';
import { parseTrace } from '../../src/trace/parse.ts';
import type { Request } from '../../src/trace/request.ts';
import { findingPath, findingTranscript, kunitPath } from '../../properties/findings/files.ts';
import { FINDINGS } from '../../properties/findings/registry.ts';
import { SEED_PATH, seedExists } from '../backends/c/seed.ts';

const EVERY = 'test/fixtures/traces/kunit-every-request.trace';
const parse = (text: string): Request[] => parseTrace(text, 'inline').map((p) => p.request);
const everyRequests = parse(readFileSync(EVERY, 'utf8'));

function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'gpuvm-kunit-spec-')), name);
  writeFileSync(path, text);
  return path;
}

describe('expectationOf', () => {
  it("a registered finding's trace expects its committed expected transcript, whatever its comments", () => {
    const requests = parse(`# another comment\n${readFileSync(findingPath('GPUVM-002', 'trace'), 'utf8')}`);
    const e = expectationOf(requests);
    expect(e.finding?.id).toBe('GPUVM-002');
    expect(e.lines).toEqual(findingTranscript('GPUVM-002', 'expected'));
  });

  it('any other trace expects what the port prints with every registered fix', () => {
    const requests = parse(`${readFileSync(findingPath('GPUVM-004', 'trace'), 'utf8')}find_first 0x1000 0\n`);
    const e = expectationOf(requests);
    expect(e.finding).toBeNull();
    expect(e.lines).toEqual(runRequests(requests, { fixes: new Set(FINDINGS.map((f) => f.id)) }));
    expect(e.lines).not.toEqual(runRequests(requests));
  });
});

describe('kunitTestFile', () => {
  const text = kunitFileFor([EVERY]);

  it('is a drivers/gpu/drm/tests-style KUnit file', () => {
    expect(text).toMatch(/^\/\/ SPDX-License-Identifier: /);
    expect(text).toContain('#include <kunit/test.h>');
    expect(text).toContain('static void drm_test_gpuvm_kunit_every_request(struct kunit *test)');
    expect(text).toContain('KUNIT_CASE(drm_test_gpuvm_kunit_every_request),');
    expect(text).toContain('kunit_test_suite(drm_gpuvm_kunit_every_request_test_suite);');
    expect(text).toContain('MODULE_LICENSE("GPL");');
  });

  it('turns every request into a call with its expectation', () => {
    for (const snippet of [
      'gt_init(t, 0x0, 0x100000, 0x80000, 0x1000);',
      'GT_REMAP(true, GT_VA(0x0, 0x1000, 1, 0x10000),',
      't->cb = true;',
      'KUNIT_EXPECT_EQ(test, gt_insert(t, 0x10000, 0x1000, 1, 0x0), -EEXIST);',
      'gt_expect_va(t, drm_gpuva_find_prev(&t->vm, 0x11000), &va',
      'KUNIT_EXPECT_TRUE(test, drm_gpuvm_interval_empty(&t->vm, 0x20000, 0x1000));',
      'KUNIT_EXPECT_FALSE(test, drm_gpuvm_interval_empty(&t->vm, 0x0, 0x1000));',
      'GT_PREFETCH(GT_VA(0x10000, 0x1000, 1, 0x0)),',
      'gt_expect_gem(t, 1, vas',
      'GT_UNMAP(false, GT_VA(0x1000, 0x1000, 2, 0x0)),',
      'KUNIT_EXPECT_EQ(test, gt_remove(t, 0x10000, 0x1000), -ENOENT);',
      'gt_fail_alloc(t, 1);',
      'KUNIT_EXPECT_EQ(test, gt_map(t, 0x30000, 0x1000, 4, 0x0, NULL, 0), -ENOMEM);',
      'KUNIT_EXPECT_EQ(test, gt_live_allocs(t), 0);',
      'GT_KERNEL_VA(0x80000, 0x1000),',
      'gt_fini(t);',
      'gt_expect_vas(t, NULL, 0);',
    ]) {
      expect(text).toContain(snippet);
    }
  });

  it('keeps WARN lines as comments and writes big u64s as ULL', () => {
    const c = kunitFileFor([findingPath('GPUVM-006', 'trace')]);
    expect(c).toContain('/* the library WARNs here: GPUVA address limited to 8 bytes. */');
    expect(c).toContain('gt_init(t, 0xffffffffffff0000ULL, 0x10000, 0x0, 0x0);');
  });

  it('refuses an expectation that crashes or does not echo the trace', () => {
    const requests = parse('init 0 0x1000 0 0\nfini\n');
    const kase = (expected: string[]) => [{ name: 'x', description: 'x', requests, expected }];
    expect(() => kunitTestFile('s', 'h', kase(['> init 0x0 0x1000 0x0 0x0', 'OK', '> fini', 'CRASH boom']))).toThrow(KunitExportError);
    expect(() => kunitTestFile('s', 'h', kase(['> init 0x0 0x2000 0x0 0x0', 'OK', '> fini', 'OK']))).toThrow(/does not echo request 1/);
    expect(() => kunitTestFile('s', 'h', kase(['> init 0x0 0x1000 0x0 0x0', 'OK']))).toThrow(/answers 1 of 2 requests/);
  });

  it('refuses madvise: the cases are written for the seed API, which lacks it', () => {
    const requests = parse('init 0 0x1000 0 0\nmadvise 0 0x1000\n');
    const kase = [{ name: 'x', description: 'x', requests, expected: ['> init 0x0 0x1000 0x0 0x0', 'OK', '> madvise 0x0 0x1000', 'ERR -95 EOPNOTSUPP'] }];
    expect(() => kunitTestFile('s', 'h', kase)).toThrow(/'madvise 0x0 0x1000': madvise \(v6.18\) has no KUnit helper/);
  });
});

describe('export kunit command', () => {
  it('names cases after the trace file', () => {
    expect(caseName('a/GPUVM-002.trace')).toBe('gpuvm_002');
    expect(caseName('7-odd name.trace')).toBe('t_7_odd_name');
  });

  it('writes one file per trace with --out, one file to stdout without', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gpuvm-export-'));
    expect(await exportKunitCommand(['--out', dir, EVERY, findingPath('GPUVM-002', 'trace')], () => {})).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['gpuvm_002_test.c', 'kunit_every_request_test.c']);
    let out = '';
    await exportKunitCommand([EVERY, findingPath('GPUVM-002', 'trace')], (t) => (out += t));
    expect(out.match(/KUNIT_CASE\(/g)).toHaveLength(2);
  });

  it('refuses an unknown format and a missing trace', async () => {
    await expect(exportKunitCommand([], () => {})).rejects.toThrow(/no trace file given/);
  });
});

describe.skipIf(!seedExists)('a generated KUnit test on the seed', () => {
  const expected = runRequests(everyRequests);

  it('passes where the C code does what the transcript says', () => {
    const run = runKunit(tempFile('every_test.c', kunitFileFor([EVERY])), SEED_PATH);
    expect(run.output).toContain('ok 1 drm_test_gpuvm_kunit_every_request\n');
    expect(run.status, run.output).toBe(0);
  });

  // One wrong line at a time: each kind of expectation must be able to fail.
  const tampered: readonly [string, string, string][] = [
    ['a MAP op', 'MAP 0x0 0x3000 1 0x10000', 'MAP 0x0 0x3000 1 0x10001'],
    ['a REMAP part', 'REMAP prev(0x2000 0x800 1 0x12000) next(-) unmap(0x2000 0x1000 1 0x12000 keep=0)', 'REMAP prev(0x2000 0x800 1 0x12000) next(0x2800 0x800 1 0x12800) unmap(0x2000 0x1000 1 0x12000 keep=0)'],
    ['a status', 'ERR -17 EEXIST', 'OK'],
    ['a found VA', 'VA 0x1000 0x1000 2 0x0', 'NONE'],
    ['empty', 'EMPTY 1', 'EMPTY 0'],
    ['allocs', 'ALLOCS live=0', 'ALLOCS live=1'],
    ['the kernel node of a dump', 'VA 0x80000 0x1000 0 0x0 kernel', 'VA 0x80000 0x1000 0 0x0'],
  ];
  it.each(tampered)('fails when %s is wrong', (_what, from, to) => {
    const at = expected.indexOf(from);
    expect(at).toBeGreaterThan(0);
    const lines = expected.map((l, i) => (i === at ? to : l));
    const file = kunitTestFile('tampered', 'tampered expectation', [{ name: 'tampered', description: 'x', requests: everyRequests, expected: lines }]);
    const run = runKunit(tempFile('tampered_test.c', file), SEED_PATH);
    expect(run.output).toContain('not ok 1 drm_test_gpuvm_tampered');
    expect(run.status).toBe(1);
  });
});

describe.skipIf(!seedExists)('a generated KUnit test built as in a kernel (no allocation hooks)', () => {
  it('runs up to the first fault injection, then skips with the reason', () => {
    const run = runKunit(kunitPath('GPUVM-001'), SEED_PATH, false);
    expect(run.output).toContain("needs fault injection into drm_gpuvm's allocations (4)");
    expect(run.output).toContain('ok 1 drm_test_gpuvm_gpuvm_001 # SKIP');
    expect(run.status, run.output).toBe(0);
  });

  it('runs a case without fault injection in full', () => {
    const run = runKunit(kunitPath('GPUVM-002'), SEED_PATH, false);
    expect(run.output).toContain('not ok 1 drm_test_gpuvm_gpuvm_002');
  });
});
