import { height } from './__helpers__/height.ts';
import seedrandom from 'seedrandom';
import { describe, expect, test } from 'vitest';
import { check } from '../../src/kernel/check.ts';
import type { RbAugmentCallbacks, RbNode, RbRoot, RbRootCached } from '../../src/kernel/rbtree.ts';
import {
  rbCheckColors,
  rbCheckLinks,
  rbClearNode,
  rbDeclareCallbacks,
  rbEmptyNode,
  rbEmptyRoot,
  rbErase,
  rbEraseAugmented,
  rbEraseAugmentedCached,
  rbEraseCached,
  rbFirst,
  rbFirstPostorder,
  rbInsertAugmented,
  rbInsertAugmentedCached,
  rbInsertColor,
  rbInsertColorCached,
  rbLast,
  rbLinkNode,
  rbNext,
  rbNextPostorder,
  rbPrev,
  rbRootCached,
} from '../../src/kernel/rbtree.ts';

/** A node keyed by a small integer, augmented with its subtree's size (an order-statistic tree). */
class KNode implements RbNode<KNode> {
  rbParent: KNode | null = null;
  rbLeft: KNode | null = null;
  rbRight: KNode | null = null;
  rbRed = true;
  size = 1;
  readonly key: number;
  readonly id: number;
  constructor(key: number, id: number) {
    this.key = key;
    this.id = id;
  }
}

const describeNode = (n: KNode): string => `key ${n.key}`;

function sizeOf(n: KNode | null): number {
  return n === null ? 0 : n.size;
}

const sizeCallbacks: RbAugmentCallbacks<KNode> = rbDeclareCallbacks<KNode>(
  (node, exit) => {
    const size = 1 + sizeOf(node.rbLeft) + sizeOf(node.rbRight);
    if (exit && node.size === size) return true;
    node.size = size;
    return false;
  },
  (from, to) => {
    to.size = from.size;
  },
);

/** Descends like the kernel's users do: equal keys go right. Returns the rb_link_node arguments. */
function descend(root: RbRoot<KNode>, node: KNode, onPath?: (n: KNode) => void): [KNode | null, boolean, boolean] {
  let parent: KNode | null = null;
  let link = root.rbNode;
  let left = false;
  let leftmost = true;
  while (link !== null) {
    parent = link;
    onPath?.(parent);
    if (node.key < parent.key) {
      link = parent.rbLeft;
      left = true;
    } else {
      link = parent.rbRight;
      left = false;
      leftmost = false;
    }
  }
  return [parent, left, leftmost];
}

function insertPlain(root: RbRoot<KNode>, node: KNode): void {
  const [parent, left] = descend(root, node);
  rbLinkNode(node, parent, root, left);
  rbInsertColor(node, root);
}

function insertCached(root: RbRootCached<KNode>, node: KNode): void {
  const [parent, left, leftmost] = descend(root, node);
  rbLinkNode(node, parent, root, left);
  rbInsertColorCached(node, root, leftmost);
}

function insertSized(root: RbRootCached<KNode>, node: KNode, cached = true): void {
  // As in the kernel's augmented users: fix ancestors on the way down, rotations call back.
  const [parent, left, leftmost] = descend(root, node, (n) => n.size++);
  node.size = 1;
  rbLinkNode(node, parent, root, left);
  if (cached) rbInsertAugmentedCached(node, root, leftmost, sizeCallbacks);
  else rbInsertAugmented(node, root, sizeCallbacks);
}

function inOrder(root: RbRoot<KNode>): KNode[] {
  const out: KNode[] = [];
  for (let n = rbFirst(root); n !== null; n = rbNext(n)) out.push(n);
  return out;
}


/** Sizes recomputed from scratch (post-order, from the tree's shape only), compared to stored ones. */
function checkSizes(root: RbRoot<KNode>): void {
  const computed = new Map<KNode, number>();
  for (let n = rbFirstPostorder(root); n !== null; n = rbNextPostorder(n)) {
    const size = 1 + (n.rbLeft ? computed.get(n.rbLeft)! : 0) + (n.rbRight ? computed.get(n.rbRight)! : 0);
    computed.set(n, size);
    check(n.size === size, 'wrong size at key', n.key, 'stored', n.size, 'expected', size);
  }
}

/** The k-th node (0-based) by subtree sizes: meaningful only if the augmentation is exact. */
function select(root: RbRoot<KNode>, k: number): KNode | null {
  let n = root.rbNode;
  while (n !== null) {
    const l = sizeOf(n.rbLeft);
    if (k < l) n = n.rbLeft;
    else if (k === l) return n;
    else {
      k -= l + 1;
      n = n.rbRight;
    }
  }
  return null;
}

/** Reference: nodes in sort order, equal keys in insertion order. */
function refInsert(ref: KNode[], node: KNode): void {
  let i = ref.length;
  while (i > 0 && ref[i - 1]!.key > node.key) i--;
  ref.splice(i, 0, node);
}

function refRemove(ref: KNode[], node: KNode): void {
  const i = ref.indexOf(node);
  expect(i).toBeGreaterThanOrEqual(0);
  ref.splice(i, 1);
}

function checkAll(root: RbRootCached<KNode> | RbRoot<KNode>, ref: KNode[]): void {
  expect(rbCheckLinks(root, describeNode)).toBe(ref.length);
  rbCheckColors(root, describeNode);
  expect(inOrder(root).map((n) => n.id)).toEqual(ref.map((n) => n.id));
  expect(height(root.rbNode)).toBeLessThanOrEqual(2 * Math.log2(ref.length + 1));
}

type Flavour = 'plain' | 'cached' | 'augmented' | 'augmented-uncached';

function randomRun(seed: string, flavour: Flavour, ops: number, keySpace: number): void {
  const rng = seedrandom(seed);
  const root = rbRootCached<KNode>();
  const ref: KNode[] = [];
  let nextId = 0;
  for (let op = 0; op < ops; op++) {
    // Bias towards growth first, then shrinkage, so that the tree gets both large and empty.
    const growing = op < ops / 2 ? 0.65 : 0.35;
    if (ref.length === 0 || rng() < growing) {
      const node = new KNode(Math.floor(rng() * keySpace), nextId++);
      if (flavour === 'plain') insertPlain(root, node);
      else if (flavour === 'cached') insertCached(root, node);
      else insertSized(root, node, flavour === 'augmented');
      refInsert(ref, node);
    } else {
      const node = ref[Math.floor(rng() * ref.length)]!;
      if (flavour === 'plain') rbErase(node, root);
      else if (flavour === 'cached') rbEraseCached(node, root);
      else if (flavour === 'augmented') rbEraseAugmentedCached(node, root, sizeCallbacks);
      else rbEraseAugmented(node, root, sizeCallbacks);
      refRemove(ref, node);
    }
    checkAll(root, ref);
    if (flavour === 'cached' || flavour === 'augmented') expect(root.rbLeftmost).toBe(ref[0] ?? null);
    if (flavour === 'augmented' || flavour === 'augmented-uncached') {
      checkSizes(root);
      const k = Math.floor(rng() * (ref.length + 1));
      expect(select(root, k)).toBe(ref[k] ?? null);
    }
  }
  expect(rbEmptyRoot(root)).toBe(ref.length === 0);
}

describe('rb_insert_color / rb_erase', () => {
  test('random inserts and erases keep links, red-black properties, order and height', () => {
    randomRun('plain-1', 'plain', 3000, 50);
    randomRun('plain-2', 'plain', 3000, 100000);
  });

  test('cached variants keep rb_leftmost equal to the first node', () => {
    randomRun('cached-1', 'cached', 3000, 30);
    randomRun('cached-2', 'cached', 3000, 1000000);
  });

  test('ascending and descending insertions stay within the height bound, then drain', () => {
    for (const descending of [false, true]) {
      const root = rbRootCached<KNode>();
      const ref: KNode[] = [];
      const n = 4095;
      for (let i = 0; i < n; i++) {
        const node = new KNode(descending ? n - i : i, i);
        insertCached(root, node);
        refInsert(ref, node);
      }
      checkAll(root, ref);
      expect(root.rbLeftmost).toBe(ref[0]);
      // Erase always the first node: the leftmost cache must follow rb_next each time.
      while (ref.length > 0) {
        const first = ref[0]!;
        rbEraseCached(first, root);
        refRemove(ref, first);
        expect(root.rbLeftmost).toBe(ref[0] ?? null);
        if (ref.length % 97 === 0) checkAll(root, ref);
      }
      expect(root.rbNode).toBeNull();
    }
  });

  test('the rebalancing takes the kernel shapes (insert Case 1 + 3, erase with successor)', () => {
    const root = rbRootCached<KNode>();
    const nodes = [1, 2, 3, 4, 5].map((k) => new KNode(k, k));
    for (const n of nodes) insertPlain(root, n);
    const shape = (n: KNode | null): unknown =>
      n === null ? null : [n.key, n.rbRed ? 'R' : 'B', shape(n.rbLeft), shape(n.rbRight)];
    // 1,2,3 rotate to 2; 4 flips colours (Case 1); 5 rotates left at 3 (mirror Case 3).
    expect(shape(root.rbNode)).toEqual([2, 'B', [1, 'B', null, null], [4, 'B', [3, 'R', null, null], [5, 'R', null, null]]]);
    // Erasing 2 (two children) splices in its successor 3, which takes 2's colour.
    rbErase(nodes[1]!, root);
    expect(shape(root.rbNode)).toEqual([3, 'B', [1, 'B', null, null], [4, 'B', null, [5, 'R', null, null]]]);
  });
});

describe('augmented insert / erase (RB_DECLARE_CALLBACKS)', () => {
  test('subtree sizes stay exact through rotations, copies and propagation', () => {
    randomRun('aug-1', 'augmented', 3000, 40);
    randomRun('aug-2', 'augmented', 3000, 1 << 30);
  });

  test('the same through the uncached rb_insert_augmented / rb_erase_augmented', () => {
    randomRun('aug-3', 'augmented-uncached', 3000, 40);
  });
});

describe('rb_first / rb_last / rb_next / rb_prev / post-order', () => {
  const rng = seedrandom('walk');
  const root = rbRootCached<KNode>();
  const ref: KNode[] = [];
  for (let i = 0; i < 500; i++) {
    const node = new KNode(Math.floor(rng() * 100), i);
    insertCached(root, node);
    refInsert(ref, node);
  }

  test('forward and backward walks visit the reference order', () => {
    expect(rbFirst(root)).toBe(ref[0]);
    expect(rbLast(root)).toBe(ref[ref.length - 1]);
    const backward: KNode[] = [];
    for (let n = rbLast(root); n !== null; n = rbPrev(n)) backward.push(n);
    expect(backward).toEqual([...ref].reverse());
    for (let i = 0; i < ref.length; i++) {
      expect(rbNext(ref[i]!)).toBe(ref[i + 1] ?? null);
      expect(rbPrev(ref[i]!)).toBe(ref[i - 1] ?? null);
    }
  });

  test('post-order visits every node once, children before their parent', () => {
    const seen = new Set<KNode>();
    for (let n = rbFirstPostorder(root); n !== null; n = rbNextPostorder(n)) {
      if (n.rbLeft) expect(seen.has(n.rbLeft)).toBe(true);
      if (n.rbRight) expect(seen.has(n.rbRight)).toBe(true);
      expect(seen.has(n)).toBe(false);
      seen.add(n);
    }
    expect(seen.size).toBe(ref.length);
  });

  test('an RB_CLEAR_NODE node is empty and has neither next nor prev, even with stale links into a tree', () => {
    const lone = new KNode(1, -1);
    expect(rbEmptyNode(lone)).toBe(false); // a fresh node has a null parent, not itself
    rbClearNode(lone);
    expect(rbEmptyNode(lone)).toBe(true);
    expect(rbNext(lone)).toBeNull();
    expect(rbPrev(lone)).toBeNull();

    const root = rbRootCached<KNode>();
    const nodes = [2, 1, 3].map((key) => new KNode(key, key));
    for (const node of nodes) insertCached(root, node);
    const middle = nodes[0]!;
    rbEraseCached(middle, root); // leaves its links pointing into the tree
    rbClearNode(middle);
    expect(rbEmptyNode(middle)).toBe(true);
    expect(rbNext(middle)).toBeNull();
    expect(rbPrev(middle)).toBeNull();
  });

  test('an empty root has no first, last or post-order nodes', () => {
    const empty = rbRootCached<KNode>();
    expect(rbEmptyRoot(empty)).toBe(true);
    expect(rbFirst(empty)).toBeNull();
    expect(rbLast(empty)).toBeNull();
    expect(rbFirstPostorder(empty)).toBeNull();
    expect(rbCheckLinks(empty)).toBe(0);
    expect(rbCheckColors(empty)).toBe(0);
  });
});

describe('rbCheckLinks / rbCheckColors detect corruption', () => {
  function build(n: number): { root: RbRootCached<KNode>; nodes: KNode[] } {
    const root = rbRootCached<KNode>();
    const nodes: KNode[] = [];
    for (let i = 0; i < n; i++) {
      const node = new KNode(i, i);
      insertCached(root, node);
      nodes.push(node);
    }
    return { root, nodes };
  }
  const validate = (root: RbRoot<KNode>): void => {
    rbCheckLinks(root, describeNode);
    rbCheckColors(root, describeNode);
  };

  test('the uncorrupted tree passes', () => {
    const { root } = build(100);
    expect(() => validate(root)).not.toThrow();
    expect(rbCheckColors(root)).toBeGreaterThan(1);
  });

  test('every single colour flip is detected', () => {
    const { root, nodes } = build(100);
    for (const node of nodes) {
      node.rbRed = !node.rbRed;
      expect(() => validate(root), `flip at key ${node.key}`).toThrow(/property [245]/);
      node.rbRed = !node.rbRed;
    }
    expect(() => validate(root)).not.toThrow();
  });

  test('a red root, a red-red pair and a black-height mismatch are reported by number', () => {
    const { root, nodes } = build(10);
    root.rbNode!.rbRed = true;
    expect(() => rbCheckColors(root, describeNode)).toThrow(/property 2: red root/);
    root.rbNode!.rbRed = false;

    const redLeaf = nodes.find((n) => n.rbRed && n.rbLeft === null && n.rbRight === null)!;
    const redParent = redLeaf.rbParent!;
    expect(redParent.rbRed).toBe(false);
    redParent.rbRed = true;
    expect(() => rbCheckColors(root, describeNode)).toThrow(/property 4: red node with red child at key/);
    redParent.rbRed = false;

    redLeaf.rbRed = false;
    expect(() => rbCheckColors(root, describeNode)).toThrow(/property 5: black height/);
  });

  test('without a describe function the location is empty, and the first leaf found sets the black height', () => {
    const { root, nodes } = build(10);
    const child = nodes.find((n) => n.rbParent !== null)!;
    const saved = child.rbParent;
    child.rbParent = null;
    expect(() => rbCheckLinks(root)).toThrow(/^broken parent link of (left|right) child at $/);
    child.rbParent = saved;
    root.rbNode!.rbRed = true;
    expect(() => rbCheckColors(root)).toThrow(/^property 2: red root at $/);

    // Root 2 (black) with a black leaf 1 on the left and a red leaf 3 on the right: paths
    // through 1 have two black nodes, through 3 one. The walk reaches 3's leaves first.
    const [one, two, three] = [1, 2, 3].map((key) => new KNode(key, key)) as [KNode, KNode, KNode];
    two.rbRed = false;
    one.rbRed = false;
    two.rbLeft = one;
    two.rbRight = three;
    one.rbParent = two;
    three.rbParent = two;
    const small = rbRootCached<KNode>();
    small.rbNode = two;
    expect(() => rbCheckColors(small, describeNode)).toThrow(/^property 5: black height 2 instead of 1 below key 1$/);
  });

  test('broken parent links, a parented root and a shared child are detected', () => {
    const { root, nodes } = build(50);
    for (const node of nodes) {
      if (node === root.rbNode) continue;
      const saved = node.rbParent;
      node.rbParent = nodes.find((n) => n !== saved && n !== node)!;
      expect(() => rbCheckLinks(root, describeNode)).toThrow(/broken parent link/);
      node.rbParent = null;
      expect(() => rbCheckLinks(root, describeNode)).toThrow(/broken parent link/);
      node.rbParent = saved;
    }
    const top = root.rbNode!;
    top.rbParent = nodes[0]!;
    expect(() => rbCheckLinks(root, describeNode)).toThrow(/root has a parent/);
    top.rbParent = null;

    const inner = nodes.find((n) => n.rbLeft !== null)!;
    inner.rbRight = inner.rbLeft;
    expect(() => rbCheckLinks(root, describeNode)).toThrow(/same child on both sides/);
  });
});

describe('check', () => {
  test('passes silently on a true fact and throws the joined context on a false one', () => {
    expect(() => check(true, 'never shown')).not.toThrow();
    expect(() => check(false, 'red node with red child at start', 255n)).toThrow(
      'red node with red child at start 255 (0xff)',
    );
    expect(() => check(false)).toThrow('check failed');
  });
});
