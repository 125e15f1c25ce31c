/**
 * ts vs c: every trace the suite uses, and generated ones, give the same transcript on the
 * faithful port and on the real C code (a CRASH line compares by its first word).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingPath, findingTranscript } from '../../properties/findings/files.ts';
import { FINDINGS } from '../../properties/findings/registry.ts';
import { concreteRequests, sequences } from '../../properties/sequences.ts';
import { propertySettings } from '../../properties/settings.ts';
import type { Backend } from '../../src/backends/backend.ts';
import { createBackend } from '../../src/backends/create.ts';
import { firstDivergence } from '../../src/backends/transcript.ts';
import { formatDivergence } from '../../src/cli/diff.ts';
import { parseTrace } from '../../src/trace/parse.ts';
import type { Request } from '../../src/trace/request.ts';
import { formatTrace, request } from '../../src/trace/request.ts';
import { seedExists } from '../backends/c/seed.ts';
import { smallTrace } from '../__helpers__/smallTraces.ts';

function traceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.trace'))
    .sort()
    .map((f) => join(dir, f));
}

const SUITE_TRACES = [...traceFiles('test/fixtures'), ...FINDINGS.map((f) => findingPath(f.id, 'trace'))];

describe.skipIf(!seedExists)('ts vs c', () => {
  let ts: Backend;
  let c: Backend;
  beforeAll(async () => {
    ts = await createBackend('ts');
    c = await createBackend('c');
  });
  afterAll(async () => {
    await c?.close();
  });

  async function expectAgreement(names: readonly string[], texts: readonly string[]): Promise<void> {
    const [a, b] = await Promise.all([ts.runTraces(texts), c.runTraces(texts)]);
    const report = names
      .map((name, i) => {
        const d = firstDivergence(a[i]!, b[i]!);
        return d ? `${formatDivergence(name, a[i]!, d)}trace:\n${texts[i]}` : '';
      })
      .filter(Boolean);
    expect(report.join('\n')).toBe('');
  }

  it(`agree on every trace of the suite (${SUITE_TRACES.length} files)`, async () => {
    expect(SUITE_TRACES.length).toBeGreaterThan(50);
    await expectAgreement(SUITE_TRACES, SUITE_TRACES.map((p) => formatTrace(parseTrace(readFileSync(p, 'utf8'), p).map((r) => r.request))));
  });

  it('reproduce every registered finding identically (C equals the recorded seed transcript)', async () => {
    const texts = FINDINGS.map((f) => readFileSync(findingPath(f.id, 'trace'), 'utf8'));
    const transcripts = await c.runTraces(texts);
    FINDINGS.forEach((f, i) => expect(firstDivergence(transcripts[i]!, findingTranscript(f.id, 'actual')), f.id).toBeNull());
  });

  it('agree on generated sequences, fault injection and unbounded values included', async () => {
    const { seed, numRuns } = propertySettings(1500);
    const generated = fc.sample(
      sequences(30, true).map((s) => formatTrace(concreteRequests(s))),
      { seed, numRuns },
    );
    const small = fc.sample(smallTrace.map((t) => formatTrace(t)), { seed: seed + 1, numRuns });
    const texts = [...generated, ...small];
    await expectAgreement(texts.map((_t, i) => `generated #${i} (seed ${seed})`), texts);
  });
});
