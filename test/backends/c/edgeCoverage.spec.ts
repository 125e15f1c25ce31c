/**
 * Edge coverage from the edge-instrumented driver (native/driver/edges.h) read through the
 * `@@edges` batch query (src/backends/c/edgeCoverage.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CBackend } from '../../../src/backends/c/cBackend.ts';
import { createCBackend } from '../../../src/backends/c/cBackend.ts';
import { parseEdgesAnswer, runWithEdges } from '../../../src/backends/c/edgeCoverage.ts';
import { seedExists } from './seed.ts';

const TRACE = 'init 0 0x100000 0 0x1000\nmap 0x1000 0x3000 1 0\nmap 0x2000 0x1000 2 0\nunmap 0x1000 0x2000\n';

describe.skipIf(!seedExists)('edge coverage of drm_gpuvm.c', () => {
  let c: CBackend;
  beforeAll(async () => {
    c = await createCBackend({ instrument: 'edges' });
  }, 120_000);
  afterAll(() => c?.close());

  it('a short trace reaches edges; the same trace again reaches none new; another trace reaches some', async () => {
    const { transcripts, edges } = await runWithEdges(c, [TRACE, TRACE, `${TRACE}mode cb\nmap 0x1800 0x1000 3 0\n`]);
    expect(edges[0]!.length).toBeGreaterThan(20);
    expect(edges[1]).toEqual([]);
    expect(edges[2]!.length).toBeGreaterThan(0);
    expect(edges[2]!.some((e) => edges[0]!.includes(e))).toBe(false);
    // The transcripts are those of the traces alone: the query adds nothing to them.
    expect(transcripts[0]).toEqual(transcripts[1]);
    expect(transcripts[0]!.at(-1)).toBe('OK');
    for (const e of edges.flat()) expect(e >= 0 && e < 1 << 16).toBe(true);
  });

  it('the instrumentation is a build of its own: the plain driver rejects the query', async () => {
    const plain = await createCBackend();
    try {
      expect(plain.build.binary).not.toBe(c.build.binary);
      await expect(runWithEdges(plain, ['init 0 1 0 0\n'])).rejects.toThrow(/@@edges/);
    } finally {
      await plain.close();
    }
  }, 120_000);
});

describe('parseEdgesAnswer', () => {
  it('reads the EDGES line and refuses anything else', () => {
    expect(parseEdgesAnswer(['EDGES 2 5 65535'])).toEqual([5, 65535]);
    expect(parseEdgesAnswer(['EDGES 0'])).toEqual([]);
    expect(() => parseEdgesAnswer(['EDGES 3 1 2'])).toThrow(/instrument 'edges'/);
    expect(() => parseEdgesAnswer(['> init 0x0 0x1 0x0 0x0', 'OK'])).toThrow(/not an answer/);
  });
});
