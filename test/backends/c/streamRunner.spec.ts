/**
 * Streaming a trace through `gpuvm-driver --stream`: the same transcript as the batch runner, a
 * hang cut off at the time limit with what was printed kept, a limit that counts only the time
 * spent waiting for the driver, and a driver killed when the reader stops early.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildDriver } from '../../../src/backends/c/build.ts';
import type { BuiltDriver } from '../../../src/backends/c/build.ts';
import { createCBackend } from '../../../src/backends/c/cBackend.ts';
import { streamOnDriver } from '../../../src/backends/c/streamRunner.ts';
import { traceTimeLimitMs } from '../../../src/backends/c/timeLimit.ts';
import { parseTrace } from '../../../src/trace/parse.ts';
import type { Request } from '../../../src/trace/request.ts';
import type { BrokenSeed } from './brokenSeed.ts';
import { brokenSeedCopy } from './brokenSeed.ts';
import { seedExists } from './seed.ts';

async function* inBatches(requests: readonly Request[], size: number): AsyncGenerator<Request[]> {
  for (let i = 0; i < requests.length; i += size) yield requests.slice(i, i + size);
}

async function collect(source: AsyncIterable<string[]>, pauseMs = 0): Promise<string[]> {
  const out: string[] = [];
  for await (const lines of source) {
    out.push(...lines);
    if (pauseMs) await sleep(pauseMs);
  }
  return out;
}

const fixture = readFileSync('test/fixtures/traces/format-example.trace', 'utf8');
const requests = parseTrace(fixture).map((p) => p.request);

describe.skipIf(!seedExists)('streamOnDriver', () => {
  let seed: BuiltDriver;
  let hanging: BrokenSeed;
  let hang: BuiltDriver;
  beforeAll(async () => {
    seed = await buildDriver({});
    hanging = await brokenSeedCopy('va = drm_gpuva_find_first(gpuvm, addr, range);', 'for (;;) va = drm_gpuva_find_first(gpuvm, addr, range);');
    hang = await buildDriver({ cSource: hanging.path });
  }, 120_000);
  afterAll(() => hanging.remove());

  test('gives the batch runner\'s transcript', async () => {
    const backend = await createCBackend();
    try {
      const [expected] = await backend.runTraces([fixture]);
      expect(await collect(streamOnDriver(seed, inBatches(requests, 1), 10_000))).toEqual(expected);
    } finally {
      await backend.close();
    }
  });

  test('a hang: what was printed, then CRASH timeout, after the limit', async () => {
    const trace = parseTrace('init 0 0x10000 0 0\nmap 0 0x1000 1 0\nfind 0 0x1000\ndump\n').map((p) => p.request);
    const started = Date.now();
    const lines = await collect(streamOnDriver(hang, inBatches(trace, 10), 300));
    expect(lines).toEqual(['> init 0x0 0x10000 0x0 0x0', 'OK', '> map 0x0 0x1000 1 0x0', 'MAP 0x0 0x1000 1 0x0', 'OK', '> find 0x0 0x1000', 'CRASH timeout']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  test('only waiting for the driver counts: a reader slower than the limit does not time it out', async () => {
    // Megabytes of transcript: many chunks, each followed by the reader's pause.
    const text = ['init 0 0x100000000 0 0', ...Array.from({ length: 1000 }, (_, i) => `map ${i * 0x2000} 0x1000 1 0`), ...Array.from({ length: 60 }, () => 'dump')].join('\n');
    const trace = parseTrace(text).map((p) => p.request);
    const lines: string[] = [];
    let pausedMs = 0;
    for await (const batch of streamOnDriver(seed, inBatches(trace, 100), 1000)) {
      lines.push(...batch);
      await sleep(100);
      pausedMs += 100;
    }
    expect(pausedMs).toBeGreaterThan(2000);
    expect(lines.filter((l) => l.startsWith('CRASH'))).toEqual([]);
    expect(lines.filter((l) => l.startsWith('> ')).length).toBe(trace.length);
    expect(lines.at(-1)).toBe('VA 0x7ce000 0x1000 1 0x0');
  }, 60_000);

  test('the limit grows with the trace', () => {
    expect(traceTimeLimitMs(0)).toBe(10_000);
    expect(traceTimeLimitMs(1_780_000)).toBeGreaterThan(150_000);
  });
});
