/**
 * The walk engine: reproducible sequences inside the model's domain, deep states on the corrected
 * port with every invariant holding, and on the faithful port exactly the findings a well-formed
 * walk can reach.
 *
 * Which registered findings a walk can hit: GPUVM-002 (find_prev) and GPUVM-003 (find_next)
 * only. Its lookups aim at where VAs begin and end, a byte off now and then, so both show within
 * a few hundred requests. The others need what a walk never emits: fault injection (GPUVM-001),
 * zero ranges (GPUVM-004, GPUVM-005), a window ending at 2^64 (GPUVM-006) or a reserved range
 * reaching past 2^64 - 1 (GPUVM-007).
 */
import { describe, expect, it } from 'vitest';
import { runWalk, WALK_GRANULE, walkRequests } from '../../fuzz/engines/walk.ts';
import { FINDINGS } from '../../properties/findings/registry.ts';
import { CheckedRunFailure, runChecked } from '../../properties/harness.ts';
import { runRequests } from '../../src/driver/runTrace.ts';
import { parseTrace } from '../../src/trace/parse.ts';
import type { Request } from '../../src/trace/request.ts';
import { formatTrace, request } from '../../src/trace/request.ts';
import { U64_MAX } from '../../src/u64.ts';
import type { Era } from '../../src/era/era.ts';
import { NEWEST_ERA, V6_8_ERA } from '../../src/era/presets.ts';

const ALL_FIXES: ReadonlySet<string> = new Set(FINDINGS.map((f) => f.id));
const TOP = 1n << 64n;

const walk = (seed: number, requests: number, options: { reserve?: boolean } = {}): Request[] => [
  ...walkRequests(seed, { requests, ...options }),
];

describe('walkRequests', () => {
  it('the same seed gives the identical sequence, another seed a different one', () => {
    const a = formatTrace(walk(7, 3000));
    expect(formatTrace(walk(7, 3000))).toBe(a);
    expect(formatTrace(walk(8, 3000))).not.toBe(a);
  });

  it('a shorter walk is a prefix of a longer one with the same seed', () => {
    expect(formatTrace(walk(11, 5000)).startsWith(formatTrace(walk(11, 1000)))).toBe(true);
  });

  it('yields exactly `requests` requests, an init first and no other init or fini', () => {
    const requests = walk(3, 4000);
    expect(requests).toHaveLength(4000);
    expect(requests[0]?.kind).toBe('init');
    expect(requests.slice(1).filter((r) => r.kind === 'init' || r.kind === 'fini')).toEqual([]);
  });

  it('stays inside what the model speaks for, in canonical trace form', () => {
    for (let seed = 0; seed < 30; seed++) {
      const requests = walk(seed, 1000);
      // Parses back to the same requests: well-formed, every number a u64.
      expect(parseTrace(formatTrace(requests)).map((p) => p.request)).toEqual(requests);
      const [init] = requests;
      if (init?.kind !== 'init') throw new Error('no init');
      const [start, range, reserveOffset, reserveRange] = init.args;
      expect(range).toBe(WALK_GRANULE * 65_536n);
      expect(start + range).toBeLessThan(TOP);
      expect(reserveOffset + reserveRange).toBeLessThan(TOP);
      for (const r of requests) {
        expect(r.kind).not.toBe('fail_alloc');
        if (r.kind === 'map' || r.kind === 'insert') {
          expect(r.args[1]).toBeGreaterThan(0n);
          expect(r.args[3] + r.args[1]).toBeLessThan(1n << 32n);
        }
        if (r.kind === 'unmap' || r.kind === 'remove') expect(r.args[1]).toBeGreaterThan(0n);
        // Lookups and prefetch do not validate their range: past 2^64 the contract is silent.
        if (r.kind === 'find' || r.kind === 'find_first' || r.kind === 'empty' || r.kind === 'prefetch') {
          expect(r.args[1]).toBeGreaterThan(0n);
          expect(r.args[0] + r.args[1]).toBeLessThanOrEqual(U64_MAX);
        }
      }
    }
  });

  it('aims every lookup kind, removes and unmaps one and two bytes off granule edges too', () => {
    const twoOff = new Set<string>();
    for (const r of walk(5, 20_000)) {
      const at = r.args[0];
      if (typeof at !== 'bigint' || r.kind === 'map' || r.kind === 'insert') continue;
      const off = at % WALK_GRANULE;
      if (off === 2n || off === WALK_GRANULE - 2n) twoOff.add(r.kind);
    }
    expect([...twoOff].sort()).toEqual(['empty', 'find', 'find_first', 'find_next', 'find_prev', 'prefetch', 'remove', 'unmap']);
  });

  it('places windows at 0, high up and one granule below 2^64, with and without a reserve', () => {
    const bases = new Set<string>();
    const reserves = new Set<boolean>();
    for (let seed = 0; seed < 40; seed++) {
      const init = walk(seed, 1)[0];
      if (init?.kind !== 'init') throw new Error('no init');
      const [start, range, , reserveRange] = init.args;
      bases.add(start === 0n ? 'zero' : start + range === TOP - WALK_GRANULE ? 'below-top' : 'high');
      reserves.add(reserveRange > 0n);
    }
    expect(bases).toEqual(new Set(['zero', 'high', 'below-top']));
    expect(reserves).toEqual(new Set([true, false]));
  });

  it('honours granule, windowGranules and reserve', () => {
    const [withReserve] = walkRequests(5, { requests: 1, granule: 0x1000n, windowGranules: 256, reserve: true });
    const [without] = walkRequests(5, { requests: 1, granule: 0x1000n, windowGranules: 256, reserve: false });
    if (withReserve?.kind !== 'init' || without?.kind !== 'init') throw new Error('no init');
    expect(withReserve.args[1]).toBe(0x100000n);
    expect(withReserve.args[3]).toBeGreaterThan(0n);
    expect(without.args[3]).toBe(0n);
  });

  it('refuses options that describe no usable window', () => {
    expect(() => walk(1, 0)).toThrow(RangeError);
    expect(() => [...walkRequests(1, { requests: 10, windowGranules: 0 })]).toThrow(RangeError);
    expect(() => [...walkRequests(1, { requests: 10, granule: 1n << 63n, windowGranules: 2 })]).toThrow(RangeError);
    // Beyond the model's byte table: runWalk could not check it.
    expect(() => runWalk(1, { requests: 10, granule: 0x1000n, windowGranules: 65_536 })).toThrow(RangeError);
  });
});

describe('runWalk on the corrected port', () => {
  it('20 000 requests pass every invariant and keep at least 1000 VAs live at some point', () => {
    let seen = 0;
    let maxObserved = 0;
    const result = runWalk(1, {
      requests: 20_000,
      fixes: ALL_FIXES,
      observe: (_request, _result, live) => {
        seen++;
        maxObserved = Math.max(maxObserved, live);
      },
    });
    expect(result.requests).toBe(20_000);
    expect(seen).toBe(20_000);
    expect(result.maxLiveVas).toBe(maxObserved);
    expect(result.maxLiveVas).toBeGreaterThanOrEqual(1000);
  });

  it('its live-VA count agrees with a dump at the end (reserved range included in the walk)', () => {
    const requests = [...walk(4, 5000, { reserve: true }), request('dump')];
    let live = -1;
    let dumped: readonly string[] = [];
    runChecked(requests, {
      fixes: ALL_FIXES,
      fullCheckEvery: 1000,
      observe: (request, result, liveVas) => {
        live = liveVas;
        if (request.kind === 'dump') dumped = result.results;
      },
    });
    const listed = dumped.filter((line) => line.startsWith('VA ') && !line.endsWith(' kernel'));
    expect(dumped.some((line) => line.endsWith(' kernel'))).toBe(true);
    expect(listed.length).toBeGreaterThan(500);
    expect(live).toBe(listed.length);
  });

  it('a walk with its window one granule below 2^64 passes too', () => {
    const seed = Array.from({ length: 40 }, (_, s) => s).find((s) => {
      const init = walk(s, 1)[0];
      return init?.kind === 'init' && init.args[0] + init.args[1] === TOP - WALK_GRANULE;
    });
    expect(seed).toBeDefined();
    expect(runWalk(seed!, { requests: 5000, fixes: ALL_FIXES }).maxLiveVas).toBeGreaterThan(300);
  });
});

describe('runWalk on the faithful port', () => {
  const requests = walk(2, 5000);

  it('transcripts differ from the corrected port only in find_prev and find_next results, and in both', () => {
    const faithful = runRequests(requests);
    const corrected = runRequests(requests, { fixes: ALL_FIXES });
    expect(faithful).toHaveLength(corrected.length);
    const differing = new Set<string>();
    let current = '';
    faithful.forEach((line, i) => {
      if (line.startsWith('> ')) current = line.slice(2).split(' ')[0]!;
      if (line !== corrected[i]) differing.add(current);
    });
    expect(differing).toEqual(new Set(['find_prev', 'find_next']));
  });

  it('breaks the lookups invariant at a find_prev or find_next (GPUVM-002, GPUVM-003)', () => {
    let failure: unknown;
    try {
      runWalk(2, { requests: 5000 });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(CheckedRunFailure);
    const { violation, requests: prefix } = failure as CheckedRunFailure;
    expect(violation.invariant).toBe('lookups');
    expect(['find_prev', 'find_next']).toContain(prefix.at(-1)?.kind);
  });

  it('passes every invariant with only the GPUVM-002 and GPUVM-003 fixes selected', () => {
    expect(runWalk(2, { requests: 5000, fixes: new Set(['GPUVM-002', 'GPUVM-003']) }).requests).toBe(5000);
  });
});

describe('walk values', () => {
  it('stay u64 near the top of the address space (seed 560917686 once mapped at 2^64 + 144)', () => {
    const outOfRange = [...walkRequests(560917686, { requests: 2000 })].flatMap((r) =>
      (r.args as readonly unknown[]).filter((a) => typeof a === 'bigint' && (a < 0n || a > (1n << 64n) - 1n)),
    );
    expect(outOfRange).toEqual([]);
  });
});

describe('walks in later eras', () => {
  it('check the port of the newest era, drawing madvise that splits VAs without an object', () => {
    let madvised = 0;
    const result = runWalk(3, {
      requests: 5000,
      fixes: ALL_FIXES,
      era: NEWEST_ERA,
      observe: (req, res) => void (madvised += req.kind === 'madvise' && res.ops.length > 0 ? 1 : 0),
    });
    expect(result.requests).toBe(5000);
    expect(madvised).toBeGreaterThan(5);
  });

  it('draw no madvise without the era, so the seed walks stay the same', () => {
    const kinds = (era?: Era): string[] => [...walkRequests(5, { requests: 2000, ...(era ? { era } : {}) })].map((r) => r.kind);
    expect(kinds()).not.toContain('madvise');
    expect(kinds(V6_8_ERA)).toEqual(kinds());
    expect(kinds(NEWEST_ERA)).toContain('madvise');
  });
});
