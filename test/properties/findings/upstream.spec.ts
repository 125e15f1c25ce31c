/**
 * What goes upstream for each code finding, verified on the real C: its patch applies to the seed
 * laid out as drivers/gpu/drm/drm_gpuvm.c, the patched C prints exactly the finding's expected
 * transcript, and the finding's generated KUnit test fails on the seed and passes on the patched
 * source.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/backends/backend.ts';
import { createCBackend } from '../../../src/backends/c/cBackend.ts';
import { runKunit } from '../../../src/export/kunitRun.ts';
import { formatTrace } from '../../../src/trace/request.ts';
import { docFindingsIn } from '../../../properties/findings/docEras.ts';
import { applyFindingPatch, applyFindingPatches, findingRequests, findingTranscript, kunitPath, patchPath } from '../../../properties/findings/files.ts';
import { replayFindings } from '../../../properties/findings/replay.ts';
import { ALL_FINDINGS, FINDINGS } from '../../../properties/findings/registry.ts';
import { SEED_PATH, seedExists } from '../../backends/c/seed.ts';

describe.each(FINDINGS.map((f) => [f.id] as const))('%s upstream files', (id) => {
  it('has a kernel-style patch and a KUnit test in the repository', () => {
    const patch = readFileSync(patchPath(id), 'utf8');
    expect(patch.startsWith('From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n')).toBe(true);
    expect(patch).toMatch(/^Subject: \[PATCH\] drm\/gpuvm: /m);
    expect(patch).toContain(`Reproducer (gpuvm-check trace ${id})`);
    expect(patch).toContain('--- a/drivers/gpu/drm/drm_gpuvm.c\n+++ b/drivers/gpu/drm/drm_gpuvm.c\n');
    expect(existsSync(kunitPath(id))).toBe(true);
  });
});

describe.skipIf(!seedExists)('patches and KUnit tests on the seed', () => {
  const patched = new Map<string, string>();
  const backends = new Map<string, Backend>();

  beforeAll(async () => {
    for (const f of FINDINGS) {
      const source = applyFindingPatch(f.id, SEED_PATH);
      patched.set(f.id, source);
      backends.set(f.id, await createCBackend({ cSource: source }));
    }
  }, 300_000);
  afterAll(async () => {
    for (const b of backends.values()) await b.close();
  });

  describe.each(FINDINGS.map((f) => [f.id] as const))('%s', (id) => {
    it('patched, the C code prints the expected transcript of the finding', async () => {
      const [transcript] = await backends.get(id)!.runTraces([formatTrace(findingRequests(id))]);
      expect(transcript).toEqual(findingTranscript(id, 'expected'));
    });

    it('its KUnit test fails on the seed', () => {
      const run = runKunit(kunitPath(id), SEED_PATH);
      expect(run.status, run.output).not.toBe(0);
      expect(run.output).toMatch(/not ok 1 drm_test_gpuvm_/);
    });

    it('its KUnit test passes on the patched source', () => {
      const run = runKunit(kunitPath(id), patched.get(id)!);
      expect(run.output).toContain(`ok 1 drm_test_gpuvm_${id.toLowerCase().replace('-', '_')}\n`);
      expect(run.output).not.toContain('# SKIP');
      expect(run.status, run.output).toBe(0);
    });
  });
});

describe.skipIf(!seedExists)('the whole series', () => {
  it('every patch, in id order, applies on top of the others; together they leave no finding of either class', async () => {
    const ids = ALL_FINDINGS.map((f) => f.id).sort();
    const source = applyFindingPatches(ids, SEED_PATH);
    expect(docFindingsIn(readFileSync(source, 'utf8'))).toEqual([]);
    const c = await createCBackend({ cSource: source });
    try {
      const statuses = await replayFindings(c);
      expect(statuses.map((s) => `${s.finding.id} ${s.status}`)).toEqual(FINDINGS.map((f) => `${f.id} fixed`));
    } finally {
      await c.close();
    }
  }, 120_000);
});
