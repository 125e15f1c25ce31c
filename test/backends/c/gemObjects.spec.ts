/**
 * The C driver's GEM objects (native/driver/gem_objects.c): the driver holds a reference on each
 * for as long as it uses it, so a put the library makes without its get, which in the kernel
 * frees the object under the driver, kills the driver at once (CRASH) instead of going unseen.
 * Shown on each kernel tree of the vm_bo era (GPUVM_KERNEL_TREES; upstream source is never part
 * of this repository) with the mutant that drops the object get of `drm_gpuvm_bo_create`, made
 * by the C mutation benchmark's own generator.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { applyMutant, generateMutants } from '../../../bench/cmutants/generate.ts';
import { createCBackend } from '../../../src/backends/c/cBackend.ts';
import { resolveCTarget } from '../../../src/backends/c/cTarget.ts';
import { hasFeature } from '../../../src/era/era.ts';
import { kernelTrees, warnEraTestsSkipped } from './kernelTrees.ts';

const TEST = 'a vm_bo that never took its GEM reference kills the driver at the put that would free the object; the tree itself runs clean';

/** A VA of object 1 mapped and unmapped: its vm_bo is created, then destroyed. */
const TRACE = 'init 0 0x100000 0 0\nmap 0 0x1000 1 0\nunmap 0 0x1000\nfini\n';

const vmBoTrees = kernelTrees.filter((dir) => hasFeature(resolveCTarget({ kernelTree: dir }).era, 'vm_bo'));
if (vmBoTrees.length === 0) warnEraTestsSkipped([TEST]);
const trees = vmBoTrees.length > 0 ? vmBoTrees.map((dir) => [path.basename(dir), dir] as const) : ([['(no vm_bo-era tree in GPUVM_KERNEL_TREES)', '']] as const);

describe.skipIf(vmBoTrees.length === 0).each(trees)('GEM references on %s', (_name, dir) => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'gpuvm-gem-refs-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  test(TEST, async () => {
    const target = resolveCTarget({ kernelTree: dir });
    const text = readFileSync(target.cSource, 'utf8');
    const mutant = generateMutants(text).find((m) => m.function === 'drm_gpuvm_bo_create' && m.change === 'deletes the call of `drm_gem_object_get`');
    expect(mutant, 'the object get of drm_gpuvm_bo_create').toBeDefined();
    const cSource = path.join(scratch, 'drm_gpuvm.c');
    writeFileSync(cSource, applyMutant(text, mutant!));
    const [mutated, tree] = [await createCBackend({ cSource, cHeader: target.cHeader }), await createCBackend({ target })];
    try {
      const [onMutant] = await mutated.runTraces([TRACE]);
      const [onTree] = await tree.runTraces([TRACE]);
      expect(onTree!.some((l) => l.startsWith('CRASH'))).toBe(false);
      expect(onMutant!.at(-1)).toMatch(/^CRASH/);
      // It dies in the unmap, where the vm_bo goes, not later.
      expect(onMutant).toContain('> unmap 0x0 0x1000');
      expect(onMutant).not.toContain('> fini');
    } finally {
      await Promise.all([mutated.close(), tree.close()]);
    }
  }, 180_000);
});
