/**
 * The streamed comparison of walks with C agrees with comparing whole transcripts: nothing on
 * the seed, the same first divergence (line, lines, request) on a seeded bug, and a stop that
 * ends both sides at the same request.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { walkRequests } from '../../fuzz/engines/walk.ts';
import { streamCompare } from '../../fuzz/streamCompare.ts';
import { buildDriver } from '../../src/backends/c/build.ts';
import { createBackend } from '../../src/backends/create.ts';
import { firstDivergence } from '../../src/backends/transcript.ts';
import { runRequests } from '../../src/driver/runTrace.ts';
import { formatTrace } from '../../src/trace/request.ts';
import { seedExists } from '../backends/c/seed.ts';
import { seededBugSource } from './__helpers__/seededBug.ts';

const walk = (seed: number, n: number) => () => walkRequests(seed, { requests: n });

describe.skipIf(!seedExists)('streamCompare', () => {
  let seedBinary = '';
  let bugSource = '';
  let bugBinary = '';
  beforeAll(async () => {
    seedBinary = (await buildDriver({})).binary;
    bugSource = seededBugSource('13-map-loop-break-instead-of-continue.patch');
    bugBinary = (await buildDriver({ cSource: bugSource })).binary;
  }, 120_000);

  it('finds no divergence of the seed on a walk, and compares all of it', async () => {
    expect(await streamCompare(seedBinary, walk(3, 5000), 5000)).toEqual({ requests: 5000, divergence: null });
  });

  it('finds the same first divergence as whole transcripts do, with the request it is in', async () => {
    const requests = [...walk(1, 3000)()];
    const c = await createBackend('c', { cSource: bugSource });
    try {
      const [cLines] = await c.runTraces([formatTrace(requests)]);
      const tsLines = runRequests(requests);
      const whole = firstDivergence(tsLines, cLines!);
      const { divergence } = await streamCompare(bugBinary, walk(1, 3000), 3000);
      expect(whole).not.toBeNull();
      expect(divergence).toMatchObject(whole!);
      // The request is the one whose echo line comes last at or before the diverging line.
      const echoes = tsLines.slice(0, whole!.index + 1).filter((l) => l.startsWith('> ')).length;
      expect(divergence!.request).toBe(echoes - 1);
    } finally {
      await c.close();
    }
  });

  it('stops both sides at the same request when told to', async () => {
    let asked = 0;
    const result = await streamCompare(seedBinary, walk(3, 50_000), 50_000, () => ++asked >= 4);
    expect(result.divergence).toBeNull();
    expect(result.requests).toBeLessThan(50_000);
    expect(result.requests).toBeGreaterThan(0);
  });
});
