import { describe, expect, it } from 'vitest';
import { formatShard, jobFor, jobSeed, parseShard } from '../../fuzz/jobs.ts';

describe('jobs and shards', () => {
  it('partitions the job sequence: shards are disjoint and together cover every job', () => {
    const n = 3;
    const seen = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      for (let ordinal = 0; ordinal < 40; ordinal++) {
        const job = jobFor(7, { index: i, count: n }, ordinal, 1000);
        expect(seen.has(job.index), `job ${job.index} twice`).toBe(false);
        seen.set(job.index, i);
      }
    }
    expect([...seen.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 120 }, (_x, k) => k));
  });

  it('derives a job seed from the campaign seed and the job index only', () => {
    expect(jobFor(7, { index: 1, count: 4 }, 2, 10)).toEqual(jobFor(7, { index: 1, count: 4 }, 2, 10));
    expect(jobFor(7, { index: 1, count: 4 }, 2, 10).seed).toBe(jobFor(7, { index: 0, count: 1 }, 9, 10).seed);
    expect(jobSeed(7, 1)).not.toBe(jobSeed(7, 2));
    expect(jobSeed(7, 1)).not.toBe(jobSeed(8, 1));
  });

  it('mixes walks among property jobs', () => {
    const engines = Array.from({ length: 10 }, (_x, k) => jobFor(1, { index: 0, count: 1 }, k, 500).engine);
    expect(engines.filter((e) => e === 'walk')).toHaveLength(2);
    expect(jobFor(1, { index: 0, count: 1 }, 4, 500)).toMatchObject({ engine: 'walk', maxRequests: 500 });
  });

  it('gives every shard of any count every engine, and a campaign the exact mix', () => {
    for (const guided of [false, true]) {
      for (let count = 1; count <= 30; count++) {
        for (let index = 0; index < count; index++) {
          const engines = new Set(Array.from({ length: 60 }, (_x, k) => jobFor(3, { index, count }, k, 500, guided).engine));
          expect([...engines].sort(), `shard ${index + 1}/${count}`).toEqual(guided ? ['guided', 'property', 'walk'] : ['property', 'walk']);
        }
      }
      const mix = Array.from({ length: 500 }, (_x, k) => jobFor(3, { index: 0, count: 1 }, k, 500, guided).engine);
      expect(mix.filter((e) => e === 'walk')).toHaveLength(100);
      expect(mix.filter((e) => e === 'guided')).toHaveLength(guided ? 200 : 0);
    }
  });

  it('parses i/N shards 1-based and refuses the rest', () => {
    expect(parseShard('2/5')).toEqual({ index: 1, count: 5 });
    expect(formatShard(parseShard('2/5'))).toBe('2/5');
    for (const bad of ['0/2', '3/2', '1/0', 'a/b', '1']) expect(() => parseShard(bad)).toThrow(/--shard must be i\/N/);
  });
});
