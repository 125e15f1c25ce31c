/**
 * The C backend runs the C source it is given: a one-line change to a copy of the seed changes
 * the transcript of a trace that exercises the line, and an infinite loop gives `CRASH timeout`
 * (with the transcript up to the hang, which the driver flushes when it is stopped).
 */
import { describe, expect, test } from 'vitest';
import { createCBackend } from '../../../src/backends/c/cBackend.ts';
import { brokenSeedCopy } from './brokenSeed.ts';
import { seedExists } from './seed.ts';

describe.skipIf(!seedExists)('C backend on broken copies of the seed', () => {
  // Exercises `.gem.offset = offset + req_range` of __drm_gpuvm_sm_map() (seed line 1117):
  // the existing VA starts where the request starts and ends after it.
  const trace = 'init 0 0x100000 0 0\nmap 0 0x3000 1 0x10000\nmap 0 0x1000 2 0\n';

  test('an off-by-one in the REMAP next offset shows in the transcript', async () => {
    const seed = await createCBackend({});
    const broken = await brokenSeedCopy('.gem.offset = offset + req_range,', '.gem.offset = offset + req_range + 1,');
    try {
      const mutant = await createCBackend({ cSource: broken.path });
      try {
        const [good] = await seed.runTraces([trace]);
        const [bad] = await mutant.runTraces([trace]);
        expect(good![6]).toBe(
          'REMAP prev(-) next(0x1000 0x2000 1 0x11000) unmap(0x0 0x3000 1 0x10000 keep=0)',
        );
        expect(bad![6]).toBe(
          'REMAP prev(-) next(0x1000 0x2000 1 0x11001) unmap(0x0 0x3000 1 0x10000 keep=0)',
        );
        expect(bad!.filter((_, i) => i !== 6)).toEqual(good!.filter((_, i) => i !== 6));
      } finally {
        await mutant.close();
      }
    } finally {
      await seed.close();
      await broken.remove();
    }
  });

  test('an infinite loop in drm_gpuva_find() gives CRASH timeout, and the next trace runs', async () => {
    const broken = await brokenSeedCopy(
      'va = drm_gpuva_find_first(gpuvm, addr, range);',
      'for (;;) va = drm_gpuva_find_first(gpuvm, addr, range);',
    );
    try {
      const backend = await createCBackend({ cSource: broken.path, timeoutMs: 500 });
      try {
        const started = Date.now();
        const [hung, next] = await backend.runTraces([
          'init 0 0x100000 0 0\nfind 0 0x1000\ndump\n',
          'init 0 0x100000 0 0\ndump\n',
        ]);
        expect(hung).toEqual(['> init 0x0 0x100000 0x0 0x0', 'OK', '> find 0x0 0x1000', 'CRASH timeout']);
        expect(next).toEqual(['> init 0x0 0x100000 0x0 0x0', 'OK', '> dump', 'VAS 0']);
        expect(Date.now() - started).toBeLessThan(5_000);
      } finally {
        await backend.close();
      }
    } finally {
      await broken.remove();
    }
  });
});
