/**
 * The invariants of one request, each named and each failing with what broke and where. They
 * run in order from the most specific to the most general, so the first violation names the
 * narrowest broken promise.
 */
import { sameFields } from '../../src/driver/result.ts';
import { formatRequest } from '../../src/trace/request.ts';
import type { OpLine, VaFields } from '../opLines.ts';
import type { SpaceState, StateVa, Step } from './step.ts';
import { expectInvariant } from './violation.ts';

const show = (v: VaFields | null | undefined): string =>
  v ? `[0x${v.addr.toString(16)} +0x${v.range.toString(16)} obj ${v.handle} @0x${v.offset.toString(16)}]` : '-';
const sameExtent = (a: StateVa, b: StateVa): boolean =>
  a.addr === b.addr && a.range === b.range && a.handle === b.handle && a.kernel === b.kernel;
const sameVas = (a: readonly StateVa[], b: readonly StateVa[]): boolean =>
  a.length === b.length && a.every((v, i) => sameFields(v, b[i]) && v.kernel === b[i]!.kernel);
/** Ops of one type; every request is checked, so no array is built for it. */
function count(ops: readonly OpLine[], type: OpLine['type']): number {
  let n = 0;
  for (const op of ops) if (op.type === type) n++;
  return n;
}
const targets = (ops: readonly OpLine[]): VaFields[] =>
  ops.flatMap((op) => (op.type === 'UNMAP' || op.type === 'REMAP' ? [op.unmap] : []));

/** A named invariant over one step. @public */
export interface RequestInvariant {
  readonly name: string;
  readonly check: (step: Step) => void;
  /**
   * True for an invariant that only compares `actual` with `expected` and holds whenever they are
   * equal; checkStep skips it when the harness found both transcripts identical and passed one
   * result as both.
   */
  readonly comparesResults?: true;
  /**
   * True for an invariant that only compares `after` with `modelAfter` and holds whenever they
   * are equal; checkStep skips it when they are one object (the harness passes one empty state
   * for both on steps without a full check).
   */
  readonly comparesStates?: true;
}

function stateLines(state: SpaceState): string[] {
  return state.vas.map((v) => `${show(v)}${v.kernel ? ' kernel' : ''}`);
}

/** Every invariant, in checking order. @public */
export const REQUEST_INVARIANTS: readonly RequestInvariant[] = [
  {
    name: 'no-crash',
    check: ({ actual }) => expectInvariant('no-crash', !actual.crashed, () => `the backend crashed${actual.crash ? `: ${actual.crash}` : ''}`),
  },
  {
    name: 'validity',
    comparesResults: true,
    check: ({ actual, expected }) =>
      expectInvariant('validity', actual.status === expected.status, () => `status ${actual.status}, contract says ${expected.status}`),
  },
  {
    name: 'failed-request-has-no-effect',
    check: ({ actual, before, after }) => {
      if (actual.status === null || actual.status === 0) return;
      expectInvariant('failed-request-has-no-effect', actual.ops.length === 0, () => `${actual.ops.length} op(s) printed`);
      if (before === null) return;
      expectInvariant('failed-request-has-no-effect', sameVas(before.vas, after.vas), () => 'the VA space changed');
      const handles = new Set([...before.gem.keys(), ...after.gem.keys()]);
      for (const handle of handles) {
        expectInvariant(
          'failed-request-has-no-effect',
          sameVas(before.gem.get(handle) ?? [], after.gem.get(handle) ?? []),
          () => `the list of object ${handle} changed`,
        );
      }
    },
  },
  {
    name: 'exactly-one-map',
    check: ({ request, actual }) => {
      if (request.kind !== 'map' || actual.status !== 0) return;
      const maps = count(actual.ops, 'MAP');
      const [addr, range, handle, offset] = request.args;
      const last = actual.ops.at(-1);
      expectInvariant('exactly-one-map', maps === 1, () => `${maps} MAP ops`);
      expectInvariant(
        'exactly-one-map',
        last?.type === 'MAP' && sameFields(last.map, { addr, range, handle, offset }),
        () => `the last op is not the requested MAP ${formatRequest(request)}`,
      );
    },
  },
  {
    name: 'max-two-remaps',
    check: ({ actual }) => {
      const remaps = count(actual.ops, 'REMAP');
      expectInvariant('max-two-remaps', remaps <= 2, () => `${remaps} REMAP ops`);
    },
  },
  {
    name: 'ops-hit-exactly-the-intersecting-vas',
    comparesResults: true,
    check: ({ actual, expected }) => {
      const got = targets(actual.ops);
      const want = targets(expected.ops);
      expectInvariant(
        'ops-hit-exactly-the-intersecting-vas',
        got.length === want.length && got.every((v, i) => sameFields(v, want[i])),
        () => `unmapped/remapped ${got.map(show).join(' ')}; expected ${want.map(show).join(' ')}`,
      );
    },
  },
  {
    name: 'remap-parts',
    comparesResults: true,
    check: ({ actual, expected }) => {
      actual.ops.forEach((op, i) => {
        const want = expected.ops[i];
        if (op.type !== 'REMAP' || want?.type !== 'REMAP') return;
        expectInvariant(
          'remap-parts',
          sameFields(op.prev, want.prev) && sameFields(op.next, want.next),
          () => `REMAP of ${show(op.unmap)}: prev ${show(op.prev)} next ${show(op.next)}; expected prev ${show(want.prev)} next ${show(want.next)}`,
        );
      });
    },
  },
  {
    name: 'keep-flag',
    comparesResults: true,
    check: ({ actual, expected }) => {
      actual.ops.forEach((op, i) => {
        const want = expected.ops[i];
        if (!(op.type === 'UNMAP' || op.type === 'REMAP') || !(want?.type === 'UNMAP' || want?.type === 'REMAP')) return;
        expectInvariant('keep-flag', op.keep === want.keep, () => `keep=${op.keep ? 1 : 0} for ${show(op.unmap)}; expected ${want.keep ? 1 : 0}`);
      });
    },
  },
  {
    name: 'ops',
    comparesResults: true,
    check: ({ actual, expected }) =>
      expectInvariant(
        'ops',
        JSON.stringify(actual.ops, bigintJson) === JSON.stringify(expected.ops, bigintJson),
        () => `ops differ: ${JSON.stringify(actual.ops, bigintJson)} vs ${JSON.stringify(expected.ops, bigintJson)}`,
      ),
  },
  {
    name: 'coverage',
    comparesStates: true,
    check: ({ after, modelAfter }) =>
      expectInvariant(
        'coverage',
        after.vas.length === modelAfter.vas.length && after.vas.every((v, i) => sameExtent(v, modelAfter.vas[i]!)),
        () => `VA space ${stateLines(after).join(' ')}; model ${stateLines(modelAfter).join(' ')}`,
      ),
  },
  {
    name: 'offset',
    comparesStates: true,
    check: ({ after, modelAfter }) =>
      after.vas.forEach((v, i) => {
        // Checked after coverage, which has compared the lists' lengths already.
        const want = modelAfter.vas[i]?.offset;
        if (v.offset !== want) expectInvariant('offset', false, () => `${show(v)} should map offset ${want === undefined ? '(no such VA)' : `0x${want.toString(16)}`}`);
      }),
  },
  {
    name: 'gem-lists',
    comparesStates: true,
    check: ({ after, modelAfter }) => {
      const handles = new Set([...after.gem.keys(), ...modelAfter.gem.keys()]);
      for (const handle of handles) {
        const got = after.gem.get(handle) ?? [];
        const want = modelAfter.gem.get(handle) ?? [];
        expectInvariant('gem-lists', got.length === want.length && got.every((v, i) => sameFields(v, want[i])), () => {
          const list = (vas: readonly StateVa[]): string => vas.map(show).join(' ') || 'nothing';
          return `object ${handle} lists ${list(got)}; model ${list(want)}`;
        });
      }
    },
  },
  {
    name: 'no-leak',
    check: ({ liveAllocations }) =>
      expectInvariant('no-leak', liveAllocations === 0, () => `${liveAllocations} library allocation(s) live after the request`),
  },
  {
    name: 'vm-bo-lifetime',
    check: ({ liveVmBos, expectedVmBos }) =>
      expectInvariant(
        'vm-bo-lifetime',
        liveVmBos === expectedVmBos,
        () => `${liveVmBos} vm_bo(s) live after the request, the contract says one per object with VAs: ${expectedVmBos}`,
      ),
  },
  {
    name: 'lookups',
    comparesResults: true,
    check: ({ actual, expected }) =>
      expectInvariant(
        'lookups',
        actual.results.join('|') === expected.results.join('|'),
        () => `printed ${actual.results.join(' | ')}; contract ${expected.results.join(' | ')}`,
      ),
  },
];

/**
 * A JSON.stringify replacer for states and ops: bigints as hex strings and Maps as entry lists
 * (JSON has neither, and a Map would otherwise print as `{}`, hiding its content). @public
 */
export function bigintJson(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return `0x${value.toString(16)}`;
  return value instanceof Map ? [...value] : value;
}

/**
 * Runs every invariant on one step; throws the first violation. When `actual` and `expected` are
 * one object (identical results), the invariants that only compare the two are skipped; so are
 * those that only compare `after` with `modelAfter` when those are one object.
 * @public
 */
export function checkStep(step: Step): void {
  const sameResult = step.actual === step.expected;
  const sameState = step.after === step.modelAfter;
  for (const invariant of REQUEST_INVARIANTS) {
    if (!(sameResult && invariant.comparesResults) && !(sameState && invariant.comparesStates)) invariant.check(step);
  }
}
