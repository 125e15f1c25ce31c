/**
 * The augmented interval tree that include/linux/interval_tree_generic.h generates, as
 * drm_gpuvm.c instantiates it:
 *
 *   INTERVAL_TREE_DEFINE(struct drm_gpuva, rb.node, u64, rb.__subtree_last,
 *                        GPUVA_START, GPUVA_LAST, static __maybe_unused, drm_gpuva_it)
 *
 * Tracks: RB_DECLARE_CALLBACKS_MAX (<prefix>_augment_compute_max and the callbacks),
 * <prefix>_insert, <prefix>_remove, <prefix>_subtree_search, <prefix>_iter_first,
 * <prefix>_iter_next, over struct rb_root_cached.
 *
 * u64 semantics, deliberately not "fixed": keys are bigints in 0..2^64-1 compared exactly as C
 * compares u64, and nothing here assumes start <= last. GPUVA_LAST is `addr + range - 1` modulo
 * 2^64, so a zero-range VA at addr 5 is the "inverted" interval [5, 4], one at addr 0 is
 * [0, 2^64-1] and intersects every query; callers also query with inverted ranges such as
 * `iter_first(addr, addr - 1)`. The intersection test is literally Cond1 && Cond2 below, and the
 * search is exact for any intervals because it relies only on in-order being sorted by start and
 * `subtreeLast` being the maximum ITLAST (wrapped or not) over the subtree.
 */
import { check } from './check.ts';
import type { RbAugmentCallbacks, RbNode, RbRootCached } from './rbtree.ts';
import {
  rbCheckColors,
  rbCheckLinks,
  rbDeclareCallbacks,
  rbEraseAugmentedCached,
  rbFirst,
  rbFirstPostorder,
  rbInsertAugmentedCached,
  rbLinkNode,
  rbNext,
  rbNextPostorder,
  rbPrev,
  rbRootCached,
} from './rbtree.ts';

const U64_MAX = (1n << 64n) - 1n;

/**
 * The fields C keeps in the node's embedded `struct rb_node` plus `__subtree_last`. A fresh
 * node should look like zeroed C memory: parent null, red (RB_RED is 0), subtreeLast 0.
 * @public
 */
export interface IntervalNode<T> extends RbNode<T> {
  rbParent: T | null;
  rbLeft: T | null;
  rbRight: T | null;
  rbRed: boolean;
  /** rb.__subtree_last: the largest ITLAST in the subtree rooted here. */
  subtreeLast: bigint;
}

/** ITSTART / ITLAST: a node's first and last key, u64 values (ITLAST may be below ITSTART). @public */
export interface IntervalAccessors<T> {
  start(node: T): bigint;
  last(node: T): bigint;
}

/**
 * <prefix>_augment_compute_max (RB_DECLARE_CALLBACKS_MAX): recomputes `node.subtreeLast` from
 * ITLAST(node) and the children's stored values. With `exit`, returns true instead of writing
 * when the value is unchanged, which is what lets propagation stop early.
 * @public
 */
export function computeSubtreeLast<T extends IntervalNode<T>>(
  node: T,
  accessors: IntervalAccessors<T>,
  exit: boolean,
): boolean {
  let max = accessors.last(node);
  const left = node.rbLeft;
  if (left !== null && left.subtreeLast > max) max = left.subtreeLast;
  const right = node.rbRight;
  if (right !== null && right.subtreeLast > max) max = right.subtreeLast;
  if (exit && node.subtreeLast === max) return true;
  node.subtreeLast = max;
  return false;
}

/** <prefix>_augment: the propagate / copy / rotate callbacks keeping `subtreeLast` exact. @public */
export function intervalAugmentCallbacks<T extends IntervalNode<T>>(accessors: IntervalAccessors<T>): RbAugmentCallbacks<T> {
  return rbDeclareCallbacks<T>(
    (node, exit) => computeSubtreeLast(node, accessors, exit),
    (from, to) => {
      to.subtreeLast = from.subtreeLast;
    },
  );
}

/**
 * `struct rb_root_cached` together with the functions INTERVAL_TREE_DEFINE generates for it.
 * Nodes are intrusive: the tree stores its links in the nodes, so a node can be in one tree at a
 * time, and, as in C, nothing checks that a node passed to `remove` or `iterNext` is in this tree.
 * @public
 */
export class IntervalTree<T extends IntervalNode<T>> {
  private readonly rootCached: RbRootCached<T> = rbRootCached<T>();
  private readonly augment: RbAugmentCallbacks<T>;
  private readonly accessors: IntervalAccessors<T>;
  private nodes = 0;

  /** RB_ROOT_CACHED plus the ITSTART / ITLAST the generated functions are built around. */
  constructor(accessors: IntervalAccessors<T>) {
    this.accessors = accessors;
    this.augment = intervalAugmentCallbacks(accessors);
  }

  /** `root->rb_root.rb_node`. */
  get root(): T | null {
    return this.rootCached.rbNode;
  }

  /** `root->rb_leftmost`, the cached first node. */
  get leftmost(): T | null {
    return this.rootCached.rbLeftmost;
  }

  /** How many nodes the tree holds; kept by insert/remove so statistics need no walk. O(1). */
  get size(): number {
    return this.nodes;
  }

  /** RB_EMPTY_ROOT(&root->rb_root). */
  isEmpty(): boolean {
    return this.rootCached.rbNode === null;
  }

  /**
   * <prefix>_insert: equal starts go right, so among equal starts in-order is insertion order.
   * `subtreeLast` of every node on the way down is raised to ITLAST(node) before linking, since
   * rb_insert_augmented only calls back for rotations. O(log n).
   */
  insert(node: T): void {
    const acc = this.accessors;
    const start = acc.start(node);
    const last = acc.last(node);
    let parent: T | null = null;
    let link = this.rootCached.rbNode;
    let left = false;
    let leftmost = true;

    while (link !== null) {
      parent = link;
      if (parent.subtreeLast < last) parent.subtreeLast = last;
      if (start < acc.start(parent)) {
        link = parent.rbLeft;
        left = true;
      } else {
        link = parent.rbRight;
        left = false;
        leftmost = false;
      }
    }

    node.subtreeLast = last;
    rbLinkNode(node, parent, this.rootCached, left);
    rbInsertAugmentedCached(node, this.rootCached, leftmost, this.augment);
    this.nodes++;
  }

  /** <prefix>_remove (rb_erase_augmented_cached). The node's own links are left stale. O(log n). */
  remove(node: T): void {
    rbEraseAugmentedCached(node, this.rootCached, this.augment);
    this.nodes--;
  }

  /**
   * <prefix>_subtree_search: the leftmost node below (and including) `node` that intersects
   * [start, last], i.e. satisfies Cond1: ITSTART(node) <= last and Cond2: start <= ITLAST(node).
   *
   * Precondition (the kernel's loop invariant): `start <= node.subtreeLast`. It finds the leftmost
   * node N satisfying Cond2 and returns it if N also satisfies Cond1; if not, no node does, because
   * everything after N in-order starts at or after ITSTART(N) > last. O(log n).
   */
  subtreeSearch(node: T, start: bigint, last: bigint): T | null {
    const acc = this.accessors;
    for (;;) {
      const left = node.rbLeft;
      if (left !== null && start <= left.subtreeLast) {
        // Some node on the left satisfies Cond2, so the leftmost such node is there.
        node = left;
        continue;
      }
      if (acc.start(node) <= last) {
        // Cond1
        if (start <= acc.last(node)) return node; // Cond2: node is the leftmost match
        const right = node.rbRight;
        if (right !== null) {
          node = right;
          if (start <= node.subtreeLast) continue;
        }
      }
      return null;
    }
  }

  /**
   * <prefix>_iter_first: the first node in-order intersecting [start, last], with the kernel's
   * two O(1) early outs: no ITLAST in the tree reaches `start` (root `subtreeLast < start`), or
   * every node starts after `last` (cached leftmost `start > last`). O(log n).
   */
  iterFirst(start: bigint, last: bigint): T | null {
    const node = this.rootCached.rbNode;
    if (node === null) return null;

    if (node.subtreeLast < start) return null;

    // A non-empty tree always has its leftmost node cached.
    const leftmost = this.rootCached.rbLeftmost!;
    if (this.accessors.start(leftmost) > last) return null;

    return this.subtreeSearch(node, start, last);
  }

  /**
   * <prefix>_iter_next: the next node in-order after `node` intersecting [start, last]. Meant for
   * a `node` returned by iterFirst/iterNext with the same query (the kernel's invariant is
   * Cond1 for `node`). Amortised O(log n).
   */
  iterNext(node: T, start: bigint, last: bigint): T | null {
    const acc = this.accessors;
    let rb = node.rbRight;

    for (;;) {
      // Loop invariants: Cond1 holds for node; rb == node.rbRight.
      if (rb !== null && start <= rb.subtreeLast) return this.subtreeSearch(rb, start, last);

      // Move up until we come from a node's left child.
      let prev: T;
      do {
        const parent: T | null = node.rbParent;
        if (parent === null) return null;
        prev = node;
        node = parent;
        rb = node.rbRight;
      } while (prev === rb);

      if (last < acc.start(node)) return null; // !Cond1
      if (start <= acc.last(node)) return node; // Cond2
    }
  }

  /** rb_first: the first node in-order, found by walking from the root (not the cache). */
  first(): T | null {
    return rbFirst(this.rootCached);
  }

  /** rb_next. */
  next(node: T): T | null {
    return rbNext(node);
  }

  /** rb_prev. */
  prev(node: T): T | null {
    return rbPrev(node);
  }

  /**
   * Checks every invariant, layered like lib/rbtree_test.c (structure first, then augmentation
   * recomputed from scratch), and throws an Error naming the failed fact and where:
   *
   * 1. links: the root has no parent, every child's parent link points back, no node is shared
   *    (so the remaining walks terminate);
   * 2. order: in-order (rb_first/rb_next) visits every node, with starts non-decreasing, and
   *    every ITSTART/ITLAST is a u64 (0..2^64-1), as C comparisons would assume;
   * 3. red-black properties, numbered as in lib/rbtree.c: 2) root black, 4) no red node with a
   *    red child, 5) the same black height on every path;
   * 4. augmentation: `subtreeLast` of every node equals max(ITLAST) over its subtree, checked
   *    bottom-up in post-order so that each node is compared with a value built only from
   *    ITLAST and already-verified children, i.e. recomputed from scratch;
   * 5. the cached leftmost is the first node (null for an empty tree);
   * 6. the kept `size` equals the node count.
   *
   * Cost: O(n) time, O(log n) extra space; no recursion.
   *
   * @returns the number of nodes
   */
  checkValid(): number {
    const acc = this.accessors;
    const root = this.rootCached;
    const at = (node: T): string => `start ${acc.start(node)}`;

    const count = rbCheckLinks(root, at);

    let visited = 0;
    let prevStart = -1n;
    for (let node = rbFirst(root); node !== null; node = rbNext(node)) {
      visited++;
      if (visited > count) check(false, 'in-order walk visits more nodes than the tree holds:', count);
      const start = acc.start(node);
      const last = acc.last(node);
      if (start < 0n || start > U64_MAX) check(false, 'start is not a u64:', start);
      if (last < 0n || last > U64_MAX) check(false, 'last is not a u64:', last, 'at start', start);
      if (prevStart > start) check(false, 'in-order not sorted by start: start', start, 'after start', prevStart);
      prevStart = start;
    }
    check(visited === count, 'in-order walk visits', visited, 'of', count, 'nodes');

    rbCheckColors(root, at);

    for (let node = rbFirstPostorder(root); node !== null; node = rbNextPostorder(node)) {
      let max = acc.last(node);
      const left = node.rbLeft;
      if (left !== null && left.subtreeLast > max) max = left.subtreeLast;
      const right = node.rbRight;
      if (right !== null && right.subtreeLast > max) max = right.subtreeLast;
      if (node.subtreeLast !== max) check(false, 'wrong subtreeLast at start', acc.start(node), 'stored', node.subtreeLast, 'expected', max);
    }

    check(root.rbLeftmost === rbFirst(root), 'cached leftmost is not the first node');
    check(this.nodes === count, 'size says', this.nodes, 'nodes, the tree holds', count);
    return count;
  }
}
