import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatModelResult, runModel } from '../../model/modelDriver.ts';
import { expectedSteps } from '../../properties/expectedSteps.ts';
import type { GeneratedSequence } from '../../properties/sequences.ts';
import { sequences } from '../../properties/sequences.ts';
import { EOPNOTSUPP } from '../../src/kernel/errno.ts';
import { formatRequest, request } from '../../src/trace/request.ts';
import { parseEra } from '../../src/era/presets.ts';

const SPACE = { start: 0n, pages: 8, reserveOffset: 0n, reserveRange: 0n };

describe('expectedSteps', () => {
  it('yields what a fresh model expects of the requests it yields, and chains the states', () => {
    fc.assert(
      fc.property(sequences(20), (sequence) => {
        const steps = [...expectedSteps(sequence)];
        expect(steps.slice(0, 2).map((s) => s.request.kind)).toEqual(['mode', 'init']);
        // Replayed as plain requests, the model prints what the steps expected.
        const lines = steps.flatMap((s) => [`> ${formatRequest(s.request)}`, ...formatModelResult(s.expected)]);
        expect(lines).toEqual(runModel(steps.map((s) => s.request)));
        for (let i = 1; i < steps.length; i++) expect(steps[i]!.before).toEqual(steps[i - 1]!.after);
      }),
      { seed: 1, numRuns: 50 },
    );
  });

  it('resolves a map aimed at a VA against the VAs before it', () => {
    const sequence: GeneratedSequence = {
      space: SPACE,
      mode: 'list',
      steps: [
        request('map', 0x2000n, 0x2000n, 1, 0n),
        { kind: 'aimed', shape: 'exact', target: 0, sameObject: false, contiguous: false, spread: 1 },
      ],
    };
    const [, , first, aimed] = [...expectedSteps(sequence)];
    expect(first!.after.map((va) => [va.addr, va.range])).toEqual([[0x2000n, 0x2000n]]);
    expect(aimed!.request.kind).toBe('map');
    expect(aimed!.request.args.slice(0, 2)).toEqual([0x2000n, 0x2000n]);
    expect(aimed!.expected.ops.map((op) => op.type)).toEqual(['UNMAP', 'MAP']);
  });

  it('ends at the first request the model does not speak for, without an error', () => {
    const sequence: GeneratedSequence = {
      space: SPACE,
      mode: 'list',
      steps: [request('map', 0n, 0x1000n, 1, 0n), request('fail_alloc', 1n), request('dump')],
    };
    expect([...expectedSteps(sequence)].map((s) => s.request.kind)).toEqual(['mode', 'init', 'map']);
  });

  it('runs in the era given: madvise exists from v6.18 on', () => {
    const sequence: GeneratedSequence = { space: SPACE, mode: 'list', steps: [request('madvise', 0n, 0x1000n)] };
    const status = (era?: string) => [...expectedSteps(sequence, era === undefined ? undefined : parseEra(era))].at(-1)!.expected.status;
    expect(status()).toBe(-EOPNOTSUPP);
    expect(status('v6.18')).toBe(0);
  });
});
