/**
 * The doc findings: each evidence trace shows on the port and on the C code what the registry
 * says the code does, each documentation patch applies to the seed and touches comments only,
 * and the claims quoted are really in the seed where the registry says.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/backends/backend.ts';
import { createCBackend } from '../../src/backends/c/cBackend.ts';
import { runRequests } from '../../src/driver/runTrace.ts';
import { formatTrace } from '../../src/trace/request.ts';
import { applyFindingPatch, findingRequests, findingTranscript, patchPath } from '../../properties/findings/files.ts';
import { ALL_FINDINGS, DOC_FINDINGS } from '../../properties/findings/registry.ts';
import { committedDocEras, defaultTrees, docEras, docFindingsIn } from '../../properties/findings/docEras.ts';
import { SEED_PATH, seedExists } from '../backends/c/seed.ts';

const withTrace = DOC_FINDINGS.filter((f) => f.evidence.trace).map((f) => [f.id] as const);

it('ids are unique across both classes', () => {
  expect(new Set(ALL_FINDINGS.map((f) => f.id)).size).toBe(ALL_FINDINGS.length);
});

describe.each(withTrace)('%s evidence', (id) => {
  it('the faithful port prints the recorded transcript', () => {
    expect(runRequests(findingRequests(id))).toEqual(findingTranscript(id, 'actual'));
  });

  it('every registered fix leaves it as it is: the code is right, the doc is not', () => {
    expect(runRequests(findingRequests(id), { fixes: new Set(ALL_FINDINGS.map((f) => f.id)) })).toEqual(findingTranscript(id, 'actual'));
  });
});

describe.each(DOC_FINDINGS.map((f) => [f.id] as const))('%s doc patch', (id) => {
  const patch = readFileSync(patchPath(id), 'utf8');

  it('is a kernel-style documentation patch that changes comment lines only', () => {
    expect(patch).toMatch(/^Subject: \[PATCH\] drm\/gpuvm: doc: /m);
    const changed = patch
      .split('\n')
      .filter((l) => /^[+-]/.test(l) && !/^(\+\+\+|---) /.test(l) && l !== '---');
    expect(changed.length).toBeGreaterThan(0);
    for (const line of changed) expect(line.slice(1), line).toMatch(/^ \*( |\t|$|\/)/);
  });

  it.skipIf(!seedExists)("applies to the seed and removes exactly the text the finding's marker matches", () => {
    const finding = DOC_FINDINGS.find((f) => f.id === id)!;
    expect(finding.marker.test(readFileSync(SEED_PATH, 'utf8'))).toBe(true);
    const patched = readFileSync(applyFindingPatch(id, SEED_PATH), 'utf8');
    expect(finding.marker.test(patched)).toBe(false);
    expect(docFindingsIn(patched)).toEqual(DOC_FINDINGS.map((f) => f.id).filter((other) => other !== id));
  });
});

describe.skipIf(!seedExists)('doc findings in the seed', () => {
  const seed = seedExists ? readFileSync(SEED_PATH, 'utf8').split('\n') : [];
  const lineOf = (n: number): string => seed[n - 1] ?? '';

  it('GPUVM-D01: the "no callback" claim and its two echoes are where the registry says', () => {
    expect(lineOf(88)).toContain('no callback at all');
    expect(lineOf(1296)).toContain('might also be empty');
    expect(lineOf(1469)).toContain('also can be empty');
  });

  it("GPUVM-D02: case 15's offset n+2 is where the registry says", () => {
    expect(lineOf(370)).toContain('15) Existent mappings');
    expect(lineOf(383)).toContain('a.bo_offset=n+2');
  });

  it('GPUVM-D03: drm_gpuva_destroy_locked/unlocked appear only in comments, and are defined nowhere', () => {
    const mentions = seed.flatMap((l, i) => (/drm_gpuva_destroy_(un)?locked/.test(l) ? [i + 1] : []));
    expect(mentions).toEqual([1292, 1339, 1340, 1480, 1544]);
    for (const n of mentions) expect(lineOf(n)).toMatch(/^ \* /);
    expect(readFileSync('native/api/drm/drm_gpuvm.h', 'utf8')).not.toMatch(/destroy_(un)?locked/);
  });

  it('GPUVM-D04 and D06: the quoted text is where the registry says', () => {
    expect(lineOf(860)).toContain('Returns: the first &drm_gpuva within the given range');
    expect(lineOf(432)).toMatch(/struct drm_gpuva_op \*op$/);
    expect(lineOf(488)).toContain('op->unmap->va');
    expect(lineOf(557)).toContain('ctx->vm');
  });

  it('GPUVM-D05: the "same result" notes of cases 4, 13 and 14', () => {
    for (const n of [198, 347, 366]) expect(lineOf(n)).toContain('We expect to see the same result');
  });

  describe('evidence on the C code', () => {
    let c: Backend;
    beforeAll(async () => {
      c = await createCBackend({});
    });
    afterAll(async () => {
      await c?.close();
    });

    it.each(withTrace)('%s: the C code prints the recorded transcript', async (id) => {
      const [transcript] = await c.runTraces([formatTrace(findingRequests(id))]);
      expect(transcript).toEqual(findingTranscript(id, 'actual'));
    });
  });
});

describe('doc findings by era (properties/findings/doc-eras.json)', () => {
  const trees = defaultTrees();
  if (trees.length === 0) {
    console.warn('!!! doc-eras.json NOT re-checked: no kernel trees ($GPUVM_KERNEL_TREES or /work/trees); only its form is.');
  }

  it('names only registered doc findings', () => {
    const ids = new Set(DOC_FINDINGS.map((f) => f.id));
    for (const era of committedDocEras()) for (const id of era.present) expect(ids, `${era.era}: ${id}`).toContain(id);
  });

  // Trees added since the file was written are not its concern; the eras it lists must hold.
  it.skipIf(trees.length === 0)('is what the kernel trees on this machine say for the eras it lists (run `npm run findings:doc-eras`)', () => {
    const now = new Map(docEras(trees).map((e) => [e.era, e]));
    const checked = committedDocEras().filter((e) => now.has(e.era));
    expect(checked.length).toBeGreaterThan(0);
    for (const era of checked) expect(now.get(era.era)).toEqual(era);
  });
});
