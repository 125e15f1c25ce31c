/**
 * The sanitizer build (ASan + LSan + UBSan, batched, a leak check after each trace) against the same fixtures:
 * identical transcripts, `CRASH` lines compared by their first word, except for the two fixtures
 * that leak, whose transcripts end in one extra, exactly known `CRASH leak:` line.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Backend } from '../../../src/backends/backend.ts';
import { createCBackend } from '../../../src/backends/c/cBackend.ts';
import { comparable, fixture, loadFixtures } from './fixtures.ts';
import { seedExists } from './seed.ts';

/**
 * Fixtures that leak under LeakSanitizer, with the line appended after their complete transcript.
 *
 * Both come from drm_gpuva_sm_step() (seed lines 1394-1448): for a REMAP it kmemdup()s the
 * unmap part (l. 1416), then the prev part (l. 1422, only if there is one), then the next part
 * (l. 1429, only if there is one). When the next part's kmemdup fails it jumps to err_free_prev
 * (l. 1432), which frees prev and the op but not the unmap part; err_free_unmap (l. 1440), the
 * only label that frees it, is reached only from a failing prev. So the 16-byte
 * struct drm_gpuva_op_unmap copy leaks, once per such failure:
 *  - fail-alloc-remap: `fail_alloc 5` fails the next part of a map's REMAP (prev and next);
 *  - fail-alloc-misc: `fail_alloc 4` fails the next part of an unmap's REMAP (next only).
 * The `allocs` lines of those fixtures (live=1 afterwards) show the same leak without LSan.
 */
const LEAKS: Readonly<Record<string, string>> = {
  'fail-alloc-remap': 'CRASH leak: 16 bytes in 1 allocations',
  'fail-alloc-misc': 'CRASH leak: 16 bytes in 1 allocations',
};

describe.skipIf(!seedExists)('C backend on the seed (sanitizer build)', () => {
  let backend: Backend;

  beforeAll(async () => {
    backend = await createCBackend({ sanitize: true });
  });
  afterAll(async () => {
    await backend?.close();
  });

  test('every fixture gives the plain build transcript (leaks aside)', async () => {
    const fixtures = loadFixtures();
    const transcripts = await backend.runTraces(fixtures.map((f) => f.trace));
    fixtures.forEach((f, i) => {
      const leak = LEAKS[f.name];
      const expected = leak ? [...f.transcript, leak] : f.transcript;
      expect(comparable(transcripts[i]!), f.name).toEqual(comparable(expected));
      if (leak) expect(transcripts[i]!.at(-1), f.name).toBe(leak);
    });
  });

  test("in one batch, a leak is the trace's that ends in it, and the traces after it start leak-free", async () => {
    const leaking = fixture('fail-alloc-remap');
    const clean = fixture('map-split-merge');
    const transcripts = await backend.runTraces([leaking.trace, clean.trace, leaking.trace, clean.trace, clean.trace]);
    expect(transcripts.map((t) => t.at(-1))).toEqual([LEAKS['fail-alloc-remap'], clean.transcript.at(-1), LEAKS['fail-alloc-remap'], clean.transcript.at(-1), clean.transcript.at(-1)]);
    expect(comparable(transcripts[1]!)).toEqual(comparable(clean.transcript));
  });

  test('crashes are reported by the sanitizer, with what it found', async () => {
    const [reserve, orphan] = await backend.runTraces([
      fixture('crash-reserve-overflow').trace,
      fixture('crash-orphan-va').trace,
    ]);
    // __drm_gpuva_remove(): &va->vm->rb.tree with vm NULL
    expect(reserve!.at(-1)).toBe(
      "CRASH ubsan: member access within null pointer of type 'struct drm_gpuvm' (drm_gpuvm.c:778)",
    );
    // drm_gpuva_remove(): va == &gpuvm->kernel_alloc_node with gpuvm = va->vm NULL
    expect(orphan!.at(-1)).toBe(
      "CRASH ubsan: member access within null pointer of type 'struct drm_gpuvm' (drm_gpuvm.c:797)",
    );
  });
});
