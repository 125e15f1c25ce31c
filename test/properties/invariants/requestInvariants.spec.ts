/**
 * The request invariants on their own: a consistent step passes, each invariant catches a step
 * built to break it (and names itself), checkStep skips only the comparing invariants and only
 * when both results are one object, and the skip is sound because those invariants are reflexive
 * on the model's real results.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { walkRequests } from '../../../fuzz/engines/walk.ts';
import { ModelDriver, requestResultOf } from '../../../model/modelDriver.ts';
import { REQUEST_INVARIANTS, bigintJson, checkStep } from '../../../properties/invariants/requestInvariants.ts';
import type { SpaceState, StateVa, Step } from '../../../properties/invariants/step.ts';
import { InvariantViolation } from '../../../properties/invariants/violation.ts';

import type { OpLine, RequestResult, VaFields } from '../../../properties/opLines.ts';
import type { Request } from '../../../src/trace/request.ts';
import { request } from '../../../src/trace/request.ts';

const va = (addr: bigint, range: bigint, handle: number, offset: bigint, kernel = false): StateVa => ({ addr, range, handle, offset, kernel });
const fieldsOf = ({ addr, range, handle, offset }: StateVa): VaFields => ({ addr, range, handle, offset });

/** The space after `map 0x1000 0x1000 1 0`: the new VA, an older one on object 2, and the kernel node. */
const mapped = va(0x1000n, 0x1000n, 1, 0n);
const other = va(0x4000n, 0x2000n, 2, 0x1000n);
const kernelNode = va(0xf000n, 0x1000n, 0, 0n, true);
const state = (vas: readonly StateVa[]): SpaceState => ({
  vas,
  gem: new Map(vas.filter((v) => v.handle !== 0).map((v) => [v.handle, [v]] as const)),
});
const after = state([mapped, other, kernelNode]);

const mapOp: OpLine = { type: 'MAP', map: fieldsOf(mapped) };
const unmapOf = (v: StateVa, keep = false): OpLine => ({ type: 'UNMAP', unmap: fieldsOf(v), keep });
const remapOf = (v: StateVa, prev: VaFields | null): OpLine => ({ type: 'REMAP', prev, next: null, unmap: fieldsOf(v), keep: false });
const result = (ops: OpLine[], status: number | null = 0, results: string[] = []): RequestResult => ({ ops, status, results, crashed: false });

/**
 * Consistent. `expected` is a separate but equal object, so checkStep runs the comparing
 * invariants on it too.
 */
const base: Step = {
  request: request('map', 0x1000n, 0x1000n, 1, 0n),
  actual: result([mapOp]),
  expected: result([mapOp]),
  before: null,
  after,
  modelAfter: state([mapped, other, kernelNode]),
  liveAllocations: 0,
  liveVmBos: 2,
  expectedVmBos: 2,
};

/** Both results at once, as distinct objects: a comparing invariant must not be skipped here. */
const results = (actual: RequestResult, expected: RequestResult = structuredClone(actual)): Pick<Step, 'actual' | 'expected'> => ({ actual, expected });

const EINVAL = -22;
const failedMap = result([], EINVAL);
const find = request('find', 0x1000n, 0x1000n);

/** Names of every invariant that throws on `step`, in checking order. */
function broken(step: Step): string[] {
  return REQUEST_INVARIANTS.flatMap((inv) => {
    try {
      inv.check(step);
      return [];
    } catch (e) {
      if (!(e instanceof InvariantViolation)) throw e;
      expect(e.invariant).toBe(inv.name);
      return [inv.name];
    }
  });
}

function violationOf(step: Step): InvariantViolation {
  try {
    checkStep(step);
  } catch (e) {
    expect(e).toBeInstanceOf(InvariantViolation);
    return e as InvariantViolation;
  }
  throw new Error('checkStep passed');
}

interface Breakage {
  readonly invariant: string;
  readonly how: string;
  readonly step: Step;
  readonly message: RegExp;
  /**
   * Broader invariants the same variation also breaks: `ops` compares every op field, so any op
   * difference breaks it too, and checkStep's order makes the narrower name win.
   */
  readonly alsoBreaks?: readonly string[];
}

const BREAKAGES: readonly Breakage[] = [
  { invariant: 'no-crash', how: 'the backend crashed', step: { ...base, ...results({ ...base.actual, crashed: true }) }, message: /crashed/ },
  {
    invariant: 'validity',
    how: 'OK where the contract says EINVAL',
    step: { ...base, ...results(base.actual, { ...base.actual, status: EINVAL }) },
    message: /status 0, contract says -22/,
  },
  {
    invariant: 'failed-request-has-no-effect',
    how: 'a failed request printed ops',
    step: { ...base, ...results(result([mapOp], EINVAL)) },
    message: /1 op\(s\) printed/,
  },
  {
    invariant: 'failed-request-has-no-effect',
    how: 'a failed request changed the VA space',
    step: { ...base, ...results(failedMap), before: state([other, kernelNode]) },
    message: /the VA space changed/,
  },
  {
    invariant: 'exactly-one-map',
    how: 'a successful map printed no MAP',
    step: { ...base, ...results(result([])) },
    message: /0 MAP ops/,
  },
  {
    invariant: 'exactly-one-map',
    how: 'the MAP is not the requested one',
    step: { ...base, ...results(result([{ type: 'MAP', map: fieldsOf(other) }])) },
    message: /the last op is not the requested MAP map 0x1000 0x1000 1 0x0/,
  },
  {
    invariant: 'exactly-one-map',
    how: 'the MAP is not the last op',
    step: { ...base, ...results(result([mapOp, unmapOf(other)])) },
    message: /the last op is not the requested MAP/,
  },
  {
    invariant: 'max-two-remaps',
    how: 'three REMAPs',
    step: { ...base, ...results(result([remapOf(other, null), remapOf(other, null), remapOf(other, null), mapOp])) },
    message: /3 REMAP ops/,
  },
  {
    invariant: 'ops-hit-exactly-the-intersecting-vas',
    how: 'the wrong VA unmapped',
    step: { ...base, ...results(result([unmapOf(other), mapOp]), result([unmapOf(kernelNode), mapOp])) },
    message: /unmapped\/remapped \[0x4000 \+0x2000 obj 2 @0x1000\]; expected \[0xf000 /,
    alsoBreaks: ['ops'],
  },
  {
    invariant: 'remap-parts',
    how: 'a REMAP keeps the wrong prev part',
    step: {
      ...base,
      ...results(
        result([remapOf(other, fieldsOf(va(0x4000n, 0x800n, 2, 0x1000n))), mapOp]),
        result([remapOf(other, fieldsOf(va(0x4000n, 0x1000n, 2, 0x1000n))), mapOp]),
      ),
    },
    message: /prev \[0x4000 \+0x800 obj 2 @0x1000\] next -; expected prev \[0x4000 \+0x1000 /,
    alsoBreaks: ['ops'],
  },
  {
    invariant: 'keep-flag',
    how: 'keep set where the contract clears it',
    step: { ...base, ...results(result([unmapOf(other, true), mapOp]), result([unmapOf(other), mapOp])) },
    message: /keep=1 for \[0x4000 .*\]; expected 0/,
    alsoBreaks: ['ops'],
  },
  {
    invariant: 'ops',
    how: 'a REMAP without parts where the contract has an UNMAP of the same VA',
    step: { ...base, ...results(result([remapOf(other, null), mapOp]), result([unmapOf(other), mapOp])) },
    message: /ops differ: .*"REMAP".* vs .*"UNMAP"/,
  },
  {
    invariant: 'coverage',
    how: 'a VA on another object than the model says',
    step: { ...base, modelAfter: { ...base.modelAfter, vas: [mapped, { ...other, handle: 3 }, kernelNode] } },
    message: /model .*obj 3/,
  },
  {
    invariant: 'offset',
    how: 'a VA at another object offset than the model says',
    step: { ...base, modelAfter: { ...base.modelAfter, vas: [mapped, { ...other, offset: 0x3000n }, kernelNode] } },
    message: /\[0x4000 \+0x2000 obj 2 @0x1000\] should map offset 0x3000/,
  },
  {
    invariant: 'gem-lists',
    how: 'an object list missing',
    step: { ...base, after: { ...after, gem: new Map([[1, [mapped]]]) } },
    message: /object 2 lists nothing; model \[0x4000 /,
  },
  { invariant: 'no-leak', how: 'allocations left live', step: { ...base, liveAllocations: 2 }, message: /2 library allocation\(s\) live/ },
  { invariant: 'vm-bo-lifetime', how: 'a vm_bo left live', step: { ...base, liveVmBos: 3 }, message: /3 vm_bo\(s\) live after the request, .*: 2$/ },
  { invariant: 'vm-bo-lifetime', how: 'a vm_bo put too early', step: { ...base, liveVmBos: 1 }, message: /1 vm_bo\(s\) live/ },
  {
    invariant: 'lookups',
    how: 'a lookup printed another VA',
    step: { ...base, request: find, ...results(result([], null, ['VA 0x4000 0x2000 2 0x1000']), result([], null, ['NONE'])) },
    message: /printed VA 0x4000 0x2000 2 0x1000; contract NONE/,
  },
];

const COMPARING = ['validity', 'ops-hit-exactly-the-intersecting-vas', 'remap-parts', 'keep-flag', 'ops', 'lookups'];
const comparing = REQUEST_INVARIANTS.filter((inv) => inv.comparesResults);

describe('REQUEST_INVARIANTS', () => {
  it('a consistent step passes, with equal or with one shared result', () => {
    expect(broken(base)).toEqual([]);
    expect(() => checkStep(base)).not.toThrow();
    expect(() => checkStep({ ...base, expected: base.actual })).not.toThrow();
  });

  it('every invariant has a step that breaks it', () => {
    expect(new Set(BREAKAGES.map((b) => b.invariant))).toEqual(new Set(REQUEST_INVARIANTS.map((inv) => inv.name)));
  });

  it.each(BREAKAGES.map((b) => [`${b.invariant}: ${b.how}`, b] as const))('%s', (_, { invariant, step, message, alsoBreaks = [] }) => {
    // A comparing invariant would be skipped, and the step would pass for the wrong reason.
    expect(step.actual).not.toBe(step.expected);
    expect(broken(step)).toEqual([invariant, ...alsoBreaks]);
    const violation = violationOf(step);
    expect(violation.invariant).toBe(invariant);
    expect(violation.detail).toMatch(message);
    expect(violation.message).toBe(`${invariant}: ${violation.detail}`);
  });

  it('a failed request without the state before it is not compared on state, but still on its ops', () => {
    const changed = { ...base, ...results(failedMap), before: state([other, kernelNode]) };
    expect(() => checkStep({ ...changed, before: null })).not.toThrow();
    expect(() => checkStep({ ...changed, before: after })).not.toThrow();
    expect(violationOf({ ...base, ...results(result([mapOp], EINVAL)), before: null }).invariant).toBe('failed-request-has-no-effect');
  });

  it('a failed request that only changed a GEM list (moved a VA between objects\' lists) changed something', () => {
    const relisted: SpaceState = { vas: after.vas, gem: new Map([[1, [mapped, other]]]) };
    const step = { ...base, ...results(failedMap), before: after, after: relisted, modelAfter: relisted };
    expect(violationOf(step).detail).toBe('the list of object 1 changed');
  });

  it('offset reports a VA the model does not have instead of failing with a TypeError', () => {
    const extra = state([mapped, other, kernelNode, va(0x8000n, 0x1000n, 3, 0n)]);
    const offset = REQUEST_INVARIANTS.find((inv) => inv.name === 'offset')!;
    expect(() => offset.check({ ...base, after: extra })).toThrow(/offset: .*\(no such VA\)/);
  });

  it('a failed request that changed a kernel flag changed the VA space', () => {
    const unflagged = state([mapped, other, { ...kernelNode, kernel: false }]);
    const step = { ...base, ...results(failedMap), before: after, after: unflagged, modelAfter: unflagged };
    expect(violationOf(step).detail).toBe('the VA space changed');
  });
});

describe('checkStep', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('flags exactly the invariants that only compare actual with expected', () => {
    expect(comparing.map((inv) => inv.name)).toEqual(COMPARING);
  });

  it('skips the comparing invariants when actual and expected are one object, and only then', () => {
    const spies = REQUEST_INVARIANTS.map((inv) => vi.spyOn(inv, 'check'));
    const called = (): string[] => REQUEST_INVARIANTS.filter((_, i) => spies[i]!.mock.calls.length > 0).map((inv) => inv.name);

    checkStep({ ...base, expected: base.actual });
    expect(called()).toEqual(REQUEST_INVARIANTS.filter((inv) => !inv.comparesResults).map((inv) => inv.name));

    for (const spy of spies) spy.mockClear();
    checkStep({ ...base, expected: structuredClone(base.actual) });
    expect(called()).toEqual(REQUEST_INVARIANTS.map((inv) => inv.name));
  });

  it('skips the state comparisons, exactly coverage, offset and gem-lists, when after and modelAfter are one object', () => {
    expect(REQUEST_INVARIANTS.filter((inv) => inv.comparesStates).map((inv) => inv.name)).toEqual(['coverage', 'offset', 'gem-lists']);
    const spies = REQUEST_INVARIANTS.map((inv) => vi.spyOn(inv, 'check'));
    const called = (): string[] => REQUEST_INVARIANTS.filter((_, i) => spies[i]!.mock.calls.length > 0).map((inv) => inv.name);
    checkStep({ ...base, modelAfter: base.after });
    expect(called()).toEqual(REQUEST_INVARIANTS.filter((inv) => !inv.comparesStates).map((inv) => inv.name));
    // Reflexive: on equal but separate states they run and pass.
    for (const spy of spies) spy.mockClear();
    checkStep({ ...base, modelAfter: state([...base.after.vas]) });
    expect(called()).toEqual(REQUEST_INVARIANTS.map((inv) => inv.name));
  });

  it.each([
    ['exactly-one-map', 'a successful map without a MAP', result([])],
    ['max-two-remaps', 'three REMAPs', result([remapOf(other, null), remapOf(other, null), remapOf(other, null), mapOp])],
    ['no-crash', 'a crash', { ...base.actual, crashed: true }],
  ] as const)('still fails %s on one shared result (%s)', (invariant, _, shared) => {
    expect(violationOf({ ...base, actual: shared, expected: shared }).invariant).toBe(invariant);
  });
});

/** The model's results on a few walks, each with its request. */
function modelResults(seeds: readonly number[]): { request: Request; result: RequestResult }[] {
  return seeds.flatMap((seed) => {
    const driver = new ModelDriver();
    return [...walkRequests(seed, { requests: 3000 })].map((req) => ({ request: req, result: requestResultOf(driver.run(req)) }));
  });
}

describe('the comparing invariants are reflexive', () => {
  const samples = modelResults([1, 2, 3]);

  it('the model results cover every op type, failures and lookups', () => {
    const types = new Set(samples.flatMap((s) => s.result.ops.map((op) => op.type)));
    expect([...types].sort()).toEqual(['MAP', 'PREFETCH', 'REMAP', 'UNMAP']);
    expect(samples.some((s) => s.result.status !== null && s.result.status !== 0)).toBe(true);
    expect(samples.some((s) => s.result.results.length > 0)).toBe(true);
    expect(samples.some((s) => s.result.ops.some((op) => op.type === 'REMAP' && op.prev && op.next))).toBe(true);
  });

  it.each(COMPARING)('%s passes when expected is a deep copy of actual', (name) => {
    const invariant = REQUEST_INVARIANTS.find((inv) => inv.name === name)!;
    for (const { request: req, result: actual } of samples) {
      const expected = structuredClone(actual);
      expect(() => invariant.check({ ...base, request: req, actual, expected })).not.toThrow();
    }
  });
});

describe('bigintJson', () => {
  it('prints bigints as 0x hex and Maps as entry lists', () => {
    expect(JSON.stringify({ addr: 0xfff0n, zero: 0n, n: 7 }, bigintJson)).toBe('{"addr":"0xfff0","zero":"0x0","n":7}');
    expect(JSON.stringify(state([other]), bigintJson)).toBe(
      '{"vas":[{"addr":"0x4000","range":"0x2000","handle":2,"offset":"0x1000","kernel":false}],' +
        '"gem":[[2,[{"addr":"0x4000","range":"0x2000","handle":2,"offset":"0x1000","kernel":false}]]]}',
    );
    expect(JSON.stringify(new Map(), bigintJson)).toBe('[]');
  });
});
