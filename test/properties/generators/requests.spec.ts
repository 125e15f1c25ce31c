import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AimedLookup, AimedMap, ZeroThenMap } from '../../../properties/generators/requests.ts';
import { resolveAimed, resolveAimedLookup, resolveZeroThenMap } from '../../../properties/generators/requests.ts';
import type { VaSpace } from '../../../properties/generators/vaSpace.ts';
import { plan, sequences } from '../../../properties/sequences.ts';
import { formatTrace } from '../../../src/trace/request.ts';

const space: VaSpace = { start: 0n, pages: 16, reserveOffset: 0n, reserveRange: 0n } as VaSpace;
const vas = [{ addr: 0x2000n, range: 0x1000n, handle: 1, offset: 0n }];
const lookup = (over: Partial<AimedLookup>): string =>
  formatTrace([resolveAimedLookup({ kind: 'aimed-lookup', lookup: 'find', target: 0, edge: 'start', nudge: 0, span: 'va', spanNudge: 0, ...over }, vas, space)]).trim();

describe('resolveAimedLookup', () => {
  it("aims at a VA's edges nudged by up to two bytes", () => {
    expect(lookup({ lookup: 'find_next', nudge: -2 })).toBe('find_next 0x1ffe');
    expect(lookup({ lookup: 'find_prev', edge: 'end', nudge: 2 })).toBe('find_prev 0x3002');
    expect(lookup({ lookup: 'find', spanNudge: -1 })).toBe('find 0x2000 0xfff');
    expect(lookup({ lookup: 'unmap', edge: 'end', nudge: -1, span: 2 })).toBe('unmap 0x2fff 0x2');
    expect(lookup({ lookup: 'empty', span: 'granule', nudge: 1 })).toBe('empty 0x2001 0x1000');
  });

  it('keeps the range below 2^64 and never negative', () => {
    const top = [{ addr: (1n << 64n) - 0x1000n, range: 0x1000n, handle: 0, offset: 0n }];
    const at = resolveAimedLookup({ kind: 'aimed-lookup', lookup: 'prefetch', target: 0, edge: 'end', nudge: -1, span: 'granule', spanNudge: 0 }, top, space);
    expect(formatTrace([at]).trim()).toBe(`prefetch 0x${((1n << 64n) - 1n).toString(16)} 0x1`);
    expect(lookup({ span: 'va', spanNudge: -2, edge: 'start' })).toBe('find 0x2000 0xffe');
    const tiny = [{ addr: 0x2000n, range: 1n, handle: 0, offset: 0n }];
    expect(resolveAimedLookup({ kind: 'aimed-lookup', lookup: 'find', target: 0, edge: 'start', nudge: 0, span: 'va', spanNudge: -2 }, tiny, space).args[1]).toBe(0n);
  });
});

describe('aiming at the kernel reserved node', () => {
  const reserved: VaSpace = { ...space, reserveOffset: 0x8000n, reserveRange: 0x1000n };
  const aimed = (over: Partial<AimedMap>): AimedMap => ({ kind: 'aimed', shape: 'exact', target: 0, sameObject: true, contiguous: true, spread: 1, ...over });

  it('a lookup or a map may target the reserved node, after the VAs, where the space has one', () => {
    const at = (target: number) => formatTrace([resolveAimedLookup({ kind: 'aimed-lookup', lookup: 'unmap', target, edge: 'end', nudge: 0, span: 'granule', spanNudge: 0 }, vas, reserved)]).trim();
    expect(at(0)).toBe('unmap 0x3000 0x1000');
    expect(at(1)).toBe('unmap 0x9000 0x1000');
    expect(formatTrace([resolveAimed(aimed({ shape: 'after', target: 1 }), vas, reserved)]).trim()).toBe('map 0x9000 0x400 1 0x1000');
    // Without a reserved range, target 1 wraps around to the only VA.
    expect(formatTrace([resolveAimed(aimed({ shape: 'after', target: 1 }), vas, space)]).trim()).toBe('map 0x3000 0x400 1 0x1000');
  });

  it('maps right before and right after a VA, touching it', () => {
    expect(formatTrace([resolveAimed(aimed({ shape: 'before', spread: 2 }), vas, space)]).trim()).toBe('map 0x1800 0x800 1 0x0');
    expect(formatTrace([resolveAimed(aimed({ shape: 'after' }), vas, space)]).trim()).toBe('map 0x3000 0x400 1 0x1000');
  });

  it('madvise keeps to VAs without an object, never the reserved node', () => {
    const bare = [{ addr: 0x2000n, range: 0x1000n, handle: 0, offset: 0n }];
    expect(formatTrace([resolveAimed(aimed({ madvise: true, target: 1 }), bare, reserved)]).trim()).toBe('madvise 0x2000 0x1000');
  });
});

describe('resolveZeroThenMap', () => {
  const step = (edge: 'start' | 'end', insert: boolean): ZeroThenMap => ({
    kind: 'zero-then-map',
    edge,
    insert,
    then: { kind: 'aimed', shape: 'exact', target: 0, sameObject: false, contiguous: true, spread: 1 },
  });
  it("puts a zero-size VA at the targeted VA's edge, then maps over that VA", () => {
    expect(formatTrace(resolveZeroThenMap(step('start', false), vas, space))).toBe('map 0x2000 0x0 1 0x0\nmap 0x2000 0x1000 2 0x0\n');
    expect(formatTrace(resolveZeroThenMap(step('end', true), vas, space))).toBe('insert 0x3000 0x0 1 0x1000\nmap 0x2000 0x1000 2 0x0\n');
  });
});

describe('sequences', () => {
  it('plan the new steps: edge-aimed lookups and zero-size VAs at an existing edge come up', () => {
    const text = fc
      .sample(sequences(30), { seed: 3, numRuns: 200 })
      .map((s) => plan(s).map((step) => (typeof step === 'function' ? step(vas.map((va) => ({ ...va, kernel: false }))) : step)))
      .map((requests) => formatTrace(requests))
      .join('');
    for (const kind of ['find', 'find_first', 'find_prev', 'find_next', 'empty', 'prefetch', 'remove', 'unmap']) {
      expect(text).toMatch(new RegExp(`^${kind} 0x(1ffe|2002|2ffe|3002)\\b`, 'm'));
    }
    expect(text).toMatch(/^(map|insert) 0x2000 0x0 1 0x0\nmap /m);
  });
});
