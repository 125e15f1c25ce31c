/**
 * The plain C build against the hand-checked fixtures, and the batch runner's behaviour around
 * crashes: a crashing trace ends in `CRASH` and the traces after it still get theirs.
 */
import { EXAMPLE_TRACE, EXAMPLE_TRANSCRIPT } from '../../__helpers__/formatExample.ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Backend } from '../../../src/backends/backend.ts';
import { createCBackend } from '../../../src/backends/c/cBackend.ts';
import { fixture, loadFixtures } from './fixtures.ts';
import { seedExists } from './seed.ts';

describe.skipIf(!seedExists)('C backend on the seed (plain build)', () => {
  let backend: Backend;

  beforeAll(async () => {
    backend = await createCBackend({});
  });
  afterAll(async () => {
    await backend?.close();
  });

  test('the example of trace-format.md gives exactly its transcript', async () => {
    const [transcript] = await backend.runTraces([EXAMPLE_TRACE]);
    expect(transcript).toEqual(EXAMPLE_TRANSCRIPT);
  });

  const fixtures = loadFixtures();

  test.each(fixtures.map((f) => [f.name, f] as const))('fixture %s', async (_name, f) => {
    const [transcript] = await backend.runTraces([f.trace]);
    expect(transcript).toEqual(f.transcript);
  });

  test('all fixtures in one batch, crashes included, give the same transcripts', async () => {
    const transcripts = await backend.runTraces(fixtures.map((f) => f.trace));
    expect(transcripts).toEqual(fixtures.map((f) => f.transcript));
  });

  test('the trace after a crash in the same runTraces call gets its correct transcript', async () => {
    const crash = fixture('crash-reserve-overflow');
    const example = fixture('example');
    const [crashed, after] = await backend.runTraces([crash.trace, example.trace]);
    expect(crashed).toEqual([
      '> init 0x0 0x1000 0xffffffffffffffff 0x2',
      'WARN GPUVA address limited to 8 bytes.',
      'OK',
      '> fini',
      'CRASH signal 11 (SIGSEGV)',
    ]);
    expect(after).toEqual(example.transcript);
  });

  test('pipelined traces around several crashes keep their order', async () => {
    const example = fixture('example');
    const crashes = [fixture('crash-reserve-overflow'), fixture('crash-orphan-va')];
    const traces: string[] = [];
    const expected: (readonly string[])[] = [];
    for (let i = 0; i < 150; i++) {
      const f = i % 50 === 49 ? crashes[(i / 50) % 2 | 0]! : example;
      traces.push(f.trace);
      expected.push(f.transcript);
    }
    expect(await backend.runTraces(traces)).toEqual(expected);
  });

  test('concurrent runTraces calls are served one after the other', async () => {
    const a = fixture('queries');
    const b = fixture('gem');
    const [ra, rb] = await Promise.all([backend.runTraces([a.trace, b.trace]), backend.runTraces([b.trace])]);
    expect(ra).toEqual([a.transcript, b.transcript]);
    expect(rb).toEqual([b.transcript]);
  });

  test('an empty trace and an empty batch', async () => {
    expect(await backend.runTraces([])).toEqual([]);
    expect(await backend.runTraces(['', '# only a comment\n'])).toEqual([[], []]);
  });
});
