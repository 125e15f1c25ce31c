import { height } from './__helpers__/height.ts';
import seedrandom from 'seedrandom';
import { describe, expect, test } from 'vitest';
import type { IntervalAccessors, IntervalNode } from '../../src/kernel/intervalTree.ts';
import { IntervalTree } from '../../src/kernel/intervalTree.ts';

const U64_MAX = (1n << 64n) - 1n;
const wrap = (x: bigint): bigint => BigInt.asUintN(64, x);

/** A stand-in for struct drm_gpuva: addr/range, ITLAST = addr + range - 1 modulo 2^64. */
class Va implements IntervalNode<Va> {
  rbParent: Va | null = null;
  rbLeft: Va | null = null;
  rbRight: Va | null = null;
  rbRed = true;
  subtreeLast = 0n;
  addr: bigint;
  range: bigint;
  readonly id: number;
  constructor(addr: bigint, range: bigint, id: number) {
    this.addr = addr;
    this.range = range;
    this.id = id;
  }
}

const startOf = (v: Va): bigint => v.addr;
const lastOf = (v: Va): bigint => wrap(v.addr + v.range - 1n);
const accessors: IntervalAccessors<Va> = { start: startOf, last: lastOf };

/** Cond1 && Cond2, literally, on u64 values. */
const intersects = (v: Va, start: bigint, last: bigint): boolean => startOf(v) <= last && start <= lastOf(v);

/**
 * The deliberately naive model: an array in in-order (sorted by start, equal starts in insertion
 * order), searched linearly.
 */
class Reference {
  readonly nodes: Va[] = [];
  insert(v: Va): void {
    let i = this.nodes.length;
    while (i > 0 && this.nodes[i - 1]!.addr > v.addr) i--;
    this.nodes.splice(i, 0, v);
  }
  remove(v: Va): void {
    const i = this.nodes.indexOf(v);
    if (i < 0) throw new Error('not in reference');
    this.nodes.splice(i, 1);
  }
  iterFirst(start: bigint, last: bigint): Va | null {
    return this.nodes.find((v) => intersects(v, start, last)) ?? null;
  }
  iterNext(node: Va, start: bigint, last: bigint): Va | null {
    const i = this.nodes.indexOf(node);
    return this.nodes.slice(i + 1).find((v) => intersects(v, start, last)) ?? null;
  }
  all(start: bigint, last: bigint): Va[] {
    return this.nodes.filter((v) => intersects(v, start, last));
  }
}

function all(tree: IntervalTree<Va>, start: bigint, last: bigint): Va[] {
  const out: Va[] = [];
  for (let v = tree.iterFirst(start, last); v !== null; v = tree.iterNext(v, start, last)) {
    // A broken iterNext can cycle; fail instead of hanging the run.
    if (out.includes(v)) throw new Error(`iteration revisits id ${v.id}`);
    out.push(v);
  }
  return out;
}

function inOrder(tree: IntervalTree<Va>): Va[] {
  const out: Va[] = [];
  for (let v = tree.first(); v !== null; v = tree.next(v)) out.push(v);
  return out;
}


type Rng = seedrandom.PRNG;

function u64(rng: Rng): bigint {
  return (BigInt(rng.int32() >>> 0) << 32n) | BigInt(rng.int32() >>> 0);
}

function small(rng: Rng, n: number): bigint {
  return BigInt(Math.floor(rng() * n));
}

/** Addresses crowd 0 and 2^64-1 so that duplicates, overlaps and wrap-around are common. */
function randomAddr(rng: Rng): bigint {
  const r = rng();
  if (r < 0.45) return small(rng, 48);
  if (r < 0.8) return U64_MAX - small(rng, 48);
  return u64(rng);
}

/** Zero (inverted), small, huge and wrapping ranges. */
function randomRange(rng: Rng): bigint {
  const r = rng();
  if (r < 0.2) return 0n;
  if (r < 0.6) return 1n + small(rng, 16);
  if (r < 0.8) return U64_MAX - small(rng, 16);
  return u64(rng);
}

/** Queries: ordinary, inverted (last < start, as from addr + 0 - 1), the find_prev/next shapes. */
function randomQuery(rng: Rng, ref: Reference): [bigint, bigint] {
  const r = rng();
  const pick = ref.nodes.length > 0 ? ref.nodes[Math.floor(rng() * ref.nodes.length)]! : null;
  const base = pick !== null && rng() < 0.5 ? pick.addr : randomAddr(rng);
  if (r < 0.3) return [base, wrap(base + randomRange(rng) - 1n)];
  if (r < 0.45) return [base, wrap(base - 1n)];
  if (r < 0.55) return [wrap(base - 1n), base];
  if (r < 0.65) return [base, wrap(base + 1n)];
  if (r < 0.8) return [randomAddr(rng), randomAddr(rng)];
  if (r < 0.9) return [pick !== null ? wrap(lastOf(pick) + small(rng, 3)) : 0n, U64_MAX];
  return [0n, pick !== null ? wrap(pick.addr - small(rng, 3)) : 0n];
}

function expectSameQueries(tree: IntervalTree<Va>, ref: Reference, rng: Rng, queries: number): void {
  for (let q = 0; q < queries; q++) {
    const [start, last] = randomQuery(rng, ref);
    const where = `query [${start}, ${last}]`;
    expect(tree.iterFirst(start, last), where).toBe(ref.iterFirst(start, last));
    expect(all(tree, start, last), where).toEqual(ref.all(start, last));
  }
}

describe('IntervalTree against a naive reference', () => {
  for (const seed of ['gpuva-1', 'gpuva-2', 'gpuva-3']) {
    test(`random inserts/removes (${seed}): checkValid after every mutation, queries agree`, () => {
      const rng = seedrandom(seed);
      const tree = new IntervalTree<Va>(accessors);
      const ref = new Reference();
      let id = 0;
      for (let op = 0; op < 3000; op++) {
        const growing = op < 2000 ? 0.7 : 0.3;
        if (ref.nodes.length === 0 || rng() < growing) {
          const v = new Va(randomAddr(rng), randomRange(rng), id++);
          tree.insert(v);
          ref.insert(v);
        } else {
          const v = ref.nodes[Math.floor(rng() * ref.nodes.length)]!;
          tree.remove(v);
          ref.remove(v);
        }
        expect(tree.checkValid()).toBe(ref.nodes.length);
        expect(tree.leftmost).toBe(ref.nodes[0] ?? null);
        expect(tree.isEmpty()).toBe(ref.nodes.length === 0);
        expect(height(tree.root)).toBeLessThanOrEqual(2 * Math.log2(ref.nodes.length + 1));
        if (op % 50 === 0) expect(inOrder(tree)).toEqual(ref.nodes);
        expectSameQueries(tree, ref, rng, 3);
      }
      // Drain completely: the tree must end up empty with every query answering null.
      while (ref.nodes.length > 0) {
        const v = ref.nodes[Math.floor(rng() * ref.nodes.length)]!;
        tree.remove(v);
        ref.remove(v);
        expect(tree.checkValid()).toBe(ref.nodes.length);
      }
      expect(tree.root).toBeNull();
      expect(tree.leftmost).toBeNull();
      expect(tree.iterFirst(0n, U64_MAX)).toBeNull();
    });
  }

  test('thousands of queries on a fixed tree, including inverted ones', () => {
    const rng = seedrandom('queries');
    const tree = new IntervalTree<Va>(accessors);
    const ref = new Reference();
    for (let i = 0; i < 400; i++) {
      const v = new Va(randomAddr(rng), randomRange(rng), i);
      tree.insert(v);
      ref.insert(v);
    }
    tree.checkValid();
    expectSameQueries(tree, ref, rng, 5000);
  });

  test('iterNext from any node agrees with the reference', () => {
    const rng = seedrandom('next');
    const tree = new IntervalTree<Va>(accessors);
    const ref = new Reference();
    for (let i = 0; i < 200; i++) {
      const v = new Va(small(rng, 64), small(rng, 20), i);
      tree.insert(v);
      ref.insert(v);
    }
    let compared = 0;
    for (let q = 0; q < 2000; q++) {
      const start = small(rng, 90);
      const last = wrap(start + small(rng, 30) - 5n); // sometimes inverted
      for (const v of ref.nodes) {
        // The kernel's invariant for iter_next: Cond1 holds for the node we continue from.
        if (!(startOf(v) <= last)) continue;
        expect(tree.iterNext(v, start, last)).toBe(ref.iterNext(v, start, last));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(10000);
  });

  test('first / next / prev walk the in-order sequence both ways', () => {
    const rng = seedrandom('walk');
    const tree = new IntervalTree<Va>(accessors);
    const ref = new Reference();
    for (let i = 0; i < 300; i++) {
      const v = new Va(randomAddr(rng), randomRange(rng), i);
      tree.insert(v);
      ref.insert(v);
    }
    expect(inOrder(tree)).toEqual(ref.nodes);
    ref.nodes.forEach((v, i) => {
      expect(tree.next(v)).toBe(ref.nodes[i + 1] ?? null);
      expect(tree.prev(v)).toBe(ref.nodes[i - 1] ?? null);
    });
    expect(tree.first()).toBe(tree.leftmost);
  });
});

describe('kernel semantics kept as they are', () => {
  function treeOf(...vas: [bigint, bigint][]): { tree: IntervalTree<Va>; nodes: Va[] } {
    const tree = new IntervalTree<Va>(accessors);
    const nodes = vas.map(([addr, range], i) => new Va(addr, range, i));
    for (const v of nodes) tree.insert(v);
    tree.checkValid();
    return { tree, nodes };
  }

  test('equal starts go right: in-order is insertion order, also across removals', () => {
    const tree = new IntervalTree<Va>(accessors);
    const ref = new Reference();
    const ranges = [5n, 0n, 1n, U64_MAX, 3n, 2n, 0n, 7n, 1n, 4n];
    const nodes = ranges.map((r, i) => new Va(7n, r, i));
    for (const v of nodes) {
      tree.insert(v);
      ref.insert(v);
    }
    expect(inOrder(tree).map((v) => v.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const i of [0, 4, 9]) {
      tree.remove(nodes[i]!);
      ref.remove(nodes[i]!);
    }
    const more = [new Va(7n, 2n, 10), new Va(7n, 0n, 11)];
    for (const v of more) {
      tree.insert(v);
      ref.insert(v);
    }
    tree.checkValid();
    expect(inOrder(tree).map((v) => v.id)).toEqual([1, 2, 3, 5, 6, 7, 8, 10, 11]);
    // The first intersecting node among equal starts is the earliest inserted one that intersects.
    expect(tree.iterFirst(7n, 7n)?.id).toBe(2);
    expect(all(tree, 7n, 7n).map((v) => v.id)).toEqual(ref.all(7n, 7n).map((v) => v.id));
  });

  test('a zero-range VA at 5 is the inverted interval [5, 4]', () => {
    const { tree, nodes } = treeOf([5n, 0n]);
    const zero = nodes[0]!;
    expect(zero.subtreeLast).toBe(4n);
    // Cond1 5 <= last and Cond2 start <= 4: only queries straddling 4|5 find it.
    expect(tree.iterFirst(0n, 10n)).toBe(zero);
    expect(tree.iterFirst(4n, 5n)).toBe(zero);
    expect(tree.iterFirst(5n, 5n)).toBeNull(); // fast path 1: subtreeLast 4 < 5
    expect(tree.iterFirst(0n, 4n)).toBeNull(); // fast path 2: leftmost start 5 > 4
    expect(tree.iterFirst(5n, 4n)).toBeNull(); // inverted query at the same address
    expect(tree.iterFirst(4n, U64_MAX)).toBe(zero);
  });

  test('a zero-range VA at 0 ends at 2^64-1 and intersects every query, even inverted ones', () => {
    const { tree, nodes } = treeOf([100n, 10n], [0n, 0n], [U64_MAX, 1n]);
    const wrapped = nodes[1]!;
    expect(tree.root!.subtreeLast).toBe(U64_MAX);
    for (const [s, l] of [
      [0n, 0n],
      [U64_MAX, U64_MAX],
      [50n, 49n],
      [U64_MAX, 0n],
      [200n, 300n],
    ] as const) {
      expect(tree.iterFirst(s, l), `[${s}, ${l}]`).toBe(wrapped);
    }
  });

  test('inverted queries iterFirst(addr, addr - 1) find intervals straddling addr - 1 | addr', () => {
    const { tree, nodes } = treeOf([0n, 10n], [10n, 10n], [30n, 5n]);
    expect(tree.iterFirst(10n, 9n)).toBeNull(); // [0,9] ends at 9, [10,19] starts at 10
    expect(tree.iterFirst(5n, 4n)).toBe(nodes[0]);
    expect(tree.iterFirst(15n, 14n)).toBe(nodes[1]);
    expect(tree.iterFirst(0n, U64_MAX)).toBe(nodes[0]); // drm_gpuva_find_first(0, 0)
    // drm_gpuva_find_prev / find_next shapes: [start - 1, start] and [end, end + 1].
    expect(tree.iterFirst(9n, 10n)).toBe(nodes[0]);
    expect(tree.iterFirst(20n, 21n)).toBeNull();
    expect(tree.iterFirst(29n, 30n)).toBe(nodes[2]);
  });

  test('intervals wrapping past 2^64-1 and keys at the very top', () => {
    const ref = new Reference();
    const tree = new IntervalTree<Va>(accessors);
    const vas = [
      new Va(U64_MAX, 1n, 0), // [max, max]
      new Va(U64_MAX, 2n, 1), // [max, 0]: wrapped
      new Va(U64_MAX - 3n, 5n, 2), // [max-3, 0]: wrapped
      new Va(U64_MAX - 1n, 0n, 3), // [max-1, max-2]: inverted
      new Va(U64_MAX - 10n, 3n, 4), // [max-10, max-8]
    ];
    for (const v of vas) {
      tree.insert(v);
      ref.insert(v);
    }
    tree.checkValid();
    expect(tree.root!.subtreeLast).toBe(U64_MAX);
    expect(tree.iterFirst(U64_MAX, U64_MAX)).toBe(vas[0]);
    expect(all(tree, U64_MAX, U64_MAX)).toEqual([vas[0]]);
    // [max-1, max-2] contains neither max-2 nor max-1 alone, but intersects [max-2, max-1].
    expect(tree.iterFirst(U64_MAX - 2n, U64_MAX - 2n)).toBeNull();
    expect(tree.iterFirst(U64_MAX - 1n, U64_MAX - 1n)).toBeNull();
    expect(tree.iterFirst(U64_MAX - 2n, U64_MAX - 1n)).toBe(vas[3]);
    expect(all(tree, 0n, 0n)).toEqual(ref.all(0n, 0n));
    expect(all(tree, 0n, 0n)).toEqual([]); // wrapped intervals end at 0 but start above 0
    expect(all(tree, U64_MAX - 9n, U64_MAX - 9n)).toEqual([vas[4]]);
  });
});

describe('iterFirst fast paths are O(1)', () => {
  function counting(): { acc: IntervalAccessors<Va>; calls: { start: number; last: number }; read: Va[] } {
    const calls = { start: 0, last: 0 };
    const read: Va[] = [];
    const acc: IntervalAccessors<Va> = {
      start: (v) => (calls.start++, read.push(v), startOf(v)),
      last: (v) => (calls.last++, read.push(v), lastOf(v)),
    };
    return { acc, calls, read };
  }

  test('root subtreeLast < start answers null without touching any node', () => {
    const { acc, calls } = counting();
    const tree = new IntervalTree<Va>(acc);
    for (let i = 0; i < 1000; i++) tree.insert(new Va(BigInt(i) * 16n + 100n, 8n, i));
    calls.start = calls.last = 0;
    expect(tree.iterFirst(1_000_000n, 2_000_000n)).toBeNull();
    expect(calls).toEqual({ start: 0, last: 0 });
  });

  test('cached leftmost start > last answers null after reading only the leftmost start', () => {
    const { acc, calls, read } = counting();
    const tree = new IntervalTree<Va>(acc);
    for (let i = 0; i < 1000; i++) tree.insert(new Va(BigInt(i) * 16n + 100n, 8n, i));
    calls.start = calls.last = 0;
    read.length = 0;
    // An inverted query passing fast path 1 (10000 <= max last); the search alone would read
    // the root, the fast path reads the cached leftmost and nothing else.
    expect(tree.iterFirst(10000n, 50n)).toBeNull();
    expect(calls).toEqual({ start: 1, last: 0 });
    expect(read).toEqual([tree.leftmost]);
    expect(tree.leftmost).not.toBe(tree.root);
    // Without a fast path the search walks the tree: more than one accessor call.
    calls.start = calls.last = 0;
    expect(tree.iterFirst(50n, 100n)?.id).toBe(0);
    expect(calls.start + calls.last).toBeGreaterThan(1);
  });
});

describe('checkValid detects corrupted trees', () => {
  function fresh(seed: string, n = 200): { tree: IntervalTree<Va>; nodes: Va[] } {
    const rng = seedrandom(seed);
    const tree = new IntervalTree<Va>(accessors);
    for (let i = 0; i < n; i++) tree.insert(new Va(randomAddr(rng), randomRange(rng), i));
    const nodes = inOrder(tree);
    expect(tree.checkValid()).toBe(n);
    return { tree, nodes };
  }

  test('a flipped colour, anywhere', () => {
    const { tree, nodes } = fresh('colour');
    for (const v of nodes) {
      v.rbRed = !v.rbRed;
      expect(() => tree.checkValid(), `at id ${v.id}`).toThrow(/property [245]/);
      v.rbRed = !v.rbRed;
    }
    expect(tree.checkValid()).toBe(nodes.length);
  });

  test('a wrong subtreeLast, anywhere, higher or lower', () => {
    const { tree, nodes } = fresh('subtree');
    for (const v of nodes) {
      for (const delta of [1n, -1n]) {
        v.subtreeLast += delta;
        expect(() => tree.checkValid(), `at id ${v.id}`).toThrow(/^wrong subtreeLast at start \d+ \(0x[0-9a-f]+\) stored -?\d+ \(0x-?[0-9a-f]+\) expected \d+ \(0x[0-9a-f]+\)$/);
        v.subtreeLast -= delta;
      }
    }
    expect(tree.checkValid()).toBe(nodes.length);
  });

  test('a broken parent link, anywhere', () => {
    const { tree, nodes } = fresh('parent');
    for (const v of nodes) {
      const saved = v.rbParent;
      v.rbParent = nodes.find((n) => n !== saved && n !== v)!;
      // Every message names where: the start address of the node concerned.
      expect(() => tree.checkValid(), `at id ${v.id}`).toThrow(/parent.* at start \d+$/);
      v.rbParent = saved;
    }
    expect(tree.checkValid()).toBe(nodes.length);
  });

  test('an unsorted pair of neighbours', () => {
    const { tree, nodes } = fresh('unsorted');
    let swaps = 0;
    for (let i = 0; i + 1 < nodes.length; i++) {
      const a = nodes[i]!;
      const b = nodes[i + 1]!;
      if (a.addr === b.addr) continue;
      [a.addr, b.addr] = [b.addr, a.addr];
      expect(() => tree.checkValid(), `at ids ${a.id}, ${b.id}`).toThrow(
        new RegExp(`^in-order not sorted by start: start ${b.addr} \\(0x[0-9a-f]+\\) after start ${a.addr} \\(`),
      );
      [a.addr, b.addr] = [b.addr, a.addr];
      swaps++;
    }
    expect(swaps).toBeGreaterThan(50);
    expect(tree.checkValid()).toBe(nodes.length);
  });

  test('a stale cached leftmost', () => {
    const { tree, nodes } = fresh('leftmost');
    const cache = tree['rootCached'];
    cache.rbLeftmost = nodes[1]!;
    expect(() => tree.checkValid()).toThrow(/cached leftmost/);
    cache.rbLeftmost = null;
    expect(() => tree.checkValid()).toThrow(/cached leftmost/);
    cache.rbLeftmost = nodes[0]!;
    expect(tree.checkValid()).toBe(nodes.length);
  });

  test('a key outside u64, as from forgetting to wrap', () => {
    const { tree, nodes } = fresh('u64');
    const top = nodes[nodes.length - 1]!;
    const saved = top.addr;
    top.addr = U64_MAX + 1n;
    expect(() => tree.checkValid()).toThrow(/start is not a u64/);
    top.addr = saved;
    top.addr = -1n;
    expect(() => tree.checkValid()).toThrow(/^start is not a u64: -1 /);
    top.addr = saved;
    const wrongLast = new IntervalTree<Va>({ start: startOf, last: (v) => v.addr + v.range - 1n });
    wrongLast.insert(new Va(0n, 0n, 0));
    expect(() => wrongLast.checkValid()).toThrow(/last is not a u64/);
    const pastTop = new IntervalTree<Va>({ start: startOf, last: (v) => v.addr + v.range - 1n });
    pastTop.insert(new Va(U64_MAX, 2n, 0));
    expect(() => pastTop.checkValid()).toThrow(new RegExp(`^last is not a u64: ${U64_MAX + 1n} \\(0x1${'0'.repeat(16)}\\) at start ${U64_MAX} `));
  });

  test('a size that disagrees with the nodes', () => {
    const { tree, nodes } = fresh('size');
    tree['nodes'] = nodes.length + 1;
    expect(() => tree.checkValid()).toThrow(`size says ${nodes.length + 1} nodes, the tree holds ${nodes.length}`);
  });

  test('a child linked on both sides', () => {
    const { tree, nodes } = fresh('shared');
    const v = nodes.find((n) => n.rbLeft !== null)!;
    v.rbRight = v.rbLeft;
    expect(() => tree.checkValid()).toThrow(/same child on both sides/);
  });
});
