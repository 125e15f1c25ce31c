/**
 * Red-black trees with embedded links, the counterpart of lib/rbtree.c,
 * include/linux/rbtree.h and include/linux/rbtree_augmented.h.
 *
 * Tracks: rb_link_node, rb_insert_color / rb_insert_color_cached, __rb_insert (through
 * rb_insert_augmented / rb_insert_augmented_cached, i.e. __rb_insert_augmented), rb_erase /
 * rb_erase_cached, __rb_erase_augmented + ____rb_erase_color (through rb_erase_augmented /
 * rb_erase_augmented_cached, i.e. __rb_erase_color), __rb_rotate_set_parents, __rb_change_child,
 * RB_DECLARE_CALLBACKS, rb_first / rb_last / rb_next / rb_prev, rb_first_postorder /
 * rb_next_postorder, RB_ROOT_CACHED, RB_EMPTY_ROOT, RB_CLEAR_NODE / RB_EMPTY_NODE.
 *
 * The rebalancing code follows the kernel step by step (same cases, same order of link writes,
 * same points at which the augment callbacks run) rather than a textbook red-black tree, because
 * the shape of the tree after a given sequence of operations is observable: it decides which
 * node `rb_erase` picks as successor, what the augment callbacks see, and in which order
 * iteration visits equal keys' neighbours. A different but "equally valid" balancing would make
 * the port diverge from the kernel on exactly the inputs a verification suite cares about.
 *
 * Representation: C packs the parent pointer and the colour into `__rb_parent_color`; here they
 * are two fields, `rbParent` and `rbRed`. C's RB_RED is 0, so a zeroed node is red with a NULL
 * parent, which is why the flag is `rbRed` and not `rbBlack`. NULL children count as black.
 * Where C passes a `struct rb_node **link`, these functions take the parent plus a side.
 *
 * Not ported: the rb_replace_node family, the rb_find and rb_add helpers, the RCU variants (the
 * WRITE_ONCE ordering is irrelevant to a single-threaded model).
 */
import { check } from './check.ts';

/** The links of `struct rb_node`, embedded in the user's node type `T`. @public */
export interface RbNode<T> {
  rbParent: T | null;
  rbLeft: T | null;
  rbRight: T | null;
  /** Colour; C's RB_RED is 0, so a zeroed node is red. */
  rbRed: boolean;
}

/** `struct rb_root`. @public */
export interface RbRoot<T> {
  rbNode: T | null;
}

/** `struct rb_root_cached`: a root plus its leftmost node, kept for O(1) `rb_first_cached`. @public */
export interface RbRootCached<T> extends RbRoot<T> {
  rbLeftmost: T | null;
}

/**
 * `struct rb_augment_callbacks`: how an augmented tree keeps per-node subtree data up to date.
 * `propagate` recomputes from `node` up to (excluding) `stop`; `copy` moves the data of a node
 * that is being replaced to its replacement; `rotate` fixes both nodes after a rotation in which
 * `newNode` takes `oldNode`'s place.
 * @public
 */
export interface RbAugmentCallbacks<T> {
  propagate(node: T | null, stop: T | null): void;
  copy(oldNode: T, newNode: T): void;
  rotate(oldNode: T, newNode: T): void;
}

/** RB_ROOT_CACHED: an empty cached root. @public */
export function rbRootCached<T>(): RbRootCached<T> {
  return { rbNode: null, rbLeftmost: null };
}

/** RB_EMPTY_ROOT. @public */
export function rbEmptyRoot<T>(root: RbRoot<T>): boolean {
  return root.rbNode === null;
}

/** RB_CLEAR_NODE: marks `node` as not in any tree (parent points to itself). @public */
export function rbClearNode<T extends RbNode<T>>(node: T): void {
  node.rbParent = node;
}

/** RB_EMPTY_NODE: true for a node marked by {@link rbClearNode}. @public */
export function rbEmptyNode<T extends RbNode<T>>(node: T): boolean {
  return node.rbParent === node;
}

/**
 * rb_link_node: makes `node` a red leaf below `parent` (or the root when `parent` is null), on
 * the left when `left`. The pair (`parent`, `left`) stands for C's `struct rb_node **link`.
 * The tree is not rebalanced yet: call one of the insert functions next.
 * @public
 */
export function rbLinkNode<T extends RbNode<T>>(node: T, parent: T | null, root: RbRoot<T>, left: boolean): void {
  node.rbParent = parent;
  node.rbRed = true;
  node.rbLeft = null;
  node.rbRight = null;
  if (parent === null) root.rbNode = node;
  else if (left) parent.rbLeft = node;
  else parent.rbRight = node;
}

/**
 * RB_DECLARE_CALLBACKS: builds the three augment callbacks from a `compute(node, exit)` that
 * recomputes `node`'s augmented value from its children and, when `exit` is set and the value
 * did not change, returns true so that propagation can stop early; and a `copy` of the augmented
 * value from one node to another.
 * @public
 */
export function rbDeclareCallbacks<T extends RbNode<T>>(
  compute: (node: T, exit: boolean) => boolean,
  copy: (from: T, to: T) => void,
): RbAugmentCallbacks<T> {
  return {
    propagate(node: T | null, stop: T | null): void {
      while (node !== stop) {
        // `node` can only be null when `stop` is null too, which ends the loop above.
        const n = node!;
        if (compute(n, true)) break;
        node = n.rbParent;
      }
    },
    copy(oldNode: T, newNode: T): void {
      copy(oldNode, newNode);
    },
    rotate(oldNode: T, newNode: T): void {
      copy(oldNode, newNode);
      compute(oldNode, false);
    },
  };
}

function dummyPropagate(): void {}
function dummyCopy(): void {}
function dummyRotate(): void {}

/** The callbacks of a tree without augmentation (lib/rbtree.c's dummy_callbacks). */
const dummyCallbacks: RbAugmentCallbacks<never> = {
  propagate: dummyPropagate,
  copy: dummyCopy,
  rotate: dummyRotate,
};

function setParentColor<T extends RbNode<T>>(node: T, parent: T | null, red: boolean): void {
  node.rbParent = parent;
  node.rbRed = red;
}

/** __rb_change_child: points whatever pointed at `oldNode` (parent link or root) to `newNode`. */
function changeChild<T extends RbNode<T>>(oldNode: T, newNode: T | null, parent: T | null, root: RbRoot<T>): void {
  if (parent === null) root.rbNode = newNode;
  else if (parent.rbLeft === oldNode) parent.rbLeft = newNode;
  else parent.rbRight = newNode;
}

/**
 * __rb_rotate_set_parents: `newNode` takes `oldNode`'s parent and colour, `oldNode` becomes its
 * child with colour `red`. The caller has already swapped the child links.
 */
function rotateSetParents<T extends RbNode<T>>(oldNode: T, newNode: T, root: RbRoot<T>, red: boolean): void {
  const parent = oldNode.rbParent;
  newNode.rbParent = parent;
  newNode.rbRed = oldNode.rbRed;
  setParentColor(oldNode, newNode, red);
  changeChild(oldNode, newNode, parent, root);
}

/**
 * __rb_insert: restores the red-black properties after {@link rbLinkNode} added the red leaf
 * `node`. Only rotations touch augmented data; the caller updated the ancestors on the way down.
 */
function rbInsert<T extends RbNode<T>>(node: T, root: RbRoot<T>, augmentRotate: (oldNode: T, newNode: T) => void): void {
  let parent = node.rbParent;

  for (;;) {
    // Loop invariant: node is red.
    if (parent === null) {
      // node is the root: the first node, or Case 1 recursed up to the root.
      setParentColor(node, null, false);
      break;
    }
    if (!parent.rbRed) break;

    // A red parent is never the root (property 2), so it has a parent.
    const gparent = parent.rbParent!;
    let tmp = gparent.rbRight;
    if (parent !== tmp) {
      // parent == gparent.rbLeft
      if (tmp !== null && tmp.rbRed) {
        // Case 1: red uncle, flip colours and continue at gparent, whose parent may be red.
        setParentColor(tmp, gparent, false);
        setParentColor(parent, gparent, false);
        node = gparent;
        parent = node.rbParent;
        setParentColor(node, parent, true);
        continue;
      }

      tmp = parent.rbRight;
      if (node === tmp) {
        // Case 2: black uncle, node is a right child: left rotate at parent, giving Case 3.
        tmp = node.rbLeft;
        parent.rbRight = tmp;
        node.rbLeft = parent;
        if (tmp !== null) setParentColor(tmp, parent, false);
        setParentColor(parent, node, true);
        augmentRotate(parent, node);
        parent = node;
        tmp = node.rbRight;
      }

      // Case 3: black uncle, node is a left child: right rotate at gparent.
      gparent.rbLeft = tmp;
      parent.rbRight = gparent;
      if (tmp !== null) setParentColor(tmp, gparent, false);
      rotateSetParents(gparent, parent, root, true);
      augmentRotate(gparent, parent);
      break;
    } else {
      // parent == gparent.rbRight: the mirror image.
      tmp = gparent.rbLeft;
      if (tmp !== null && tmp.rbRed) {
        setParentColor(tmp, gparent, false);
        setParentColor(parent, gparent, false);
        node = gparent;
        parent = node.rbParent;
        setParentColor(node, parent, true);
        continue;
      }

      tmp = parent.rbLeft;
      if (node === tmp) {
        tmp = node.rbRight;
        parent.rbLeft = tmp;
        node.rbRight = parent;
        if (tmp !== null) setParentColor(tmp, parent, false);
        setParentColor(parent, node, true);
        augmentRotate(parent, node);
        parent = node;
        tmp = node.rbLeft;
      }

      gparent.rbRight = tmp;
      parent.rbLeft = gparent;
      if (tmp !== null) setParentColor(tmp, gparent, false);
      rotateSetParents(gparent, parent, root, true);
      augmentRotate(gparent, parent);
      break;
    }
  }
}

/**
 * __rb_erase_augmented: unlinks `node` and returns the node at which black-height repair must
 * start (or null when local recolouring already fixed it).
 */
function eraseAugmented<T extends RbNode<T>>(node: T, root: RbRoot<T>, augment: RbAugmentCallbacks<T>): T | null {
  const child = node.rbRight;
  let tmp = node.rbLeft;
  let parent: T | null;
  let rebalance: T | null;

  if (tmp === null) {
    // Case 1: at most one child (then it is red and node black, by 4 and 5): splice it in.
    parent = node.rbParent;
    const red = node.rbRed;
    changeChild(node, child, parent, root);
    if (child !== null) {
      setParentColor(child, parent, red);
      rebalance = null;
    } else {
      rebalance = red ? null : parent;
    }
    tmp = parent;
  } else if (child === null) {
    // Still Case 1, with the only child on the left.
    parent = node.rbParent;
    setParentColor(tmp, parent, node.rbRed);
    changeChild(node, tmp, parent, root);
    rebalance = null;
    tmp = parent;
  } else {
    const nodeLeft = tmp;
    let successor = child;
    let child2: T | null;

    tmp = child.rbLeft;
    if (tmp === null) {
      // Case 2: the successor is node's right child.
      parent = successor;
      child2 = successor.rbRight;
      augment.copy(node, successor);
    } else {
      // Case 3: the successor is the leftmost node of the right subtree.
      do {
        parent = successor;
        successor = tmp;
        tmp = tmp.rbLeft;
      } while (tmp !== null);
      child2 = successor.rbRight;
      parent.rbLeft = child2;
      successor.rbRight = child;
      child.rbParent = successor;
      augment.copy(node, successor);
      augment.propagate(parent, successor);
    }

    successor.rbLeft = nodeLeft;
    nodeLeft.rbParent = successor;

    const nodeParent = node.rbParent;
    const nodeRed = node.rbRed;
    changeChild(node, successor, nodeParent, root);

    if (child2 !== null) {
      setParentColor(successor, nodeParent, nodeRed);
      setParentColor(child2, parent, false);
      rebalance = null;
    } else {
      const successorWasRed = successor.rbRed;
      setParentColor(successor, nodeParent, nodeRed);
      rebalance = successorWasRed ? null : parent;
    }
    tmp = successor;
  }

  augment.propagate(tmp, null);
  return rebalance;
}

/**
 * ____rb_erase_color: repairs property 5 after a black node was removed below `parent`.
 * The non-null assertions are the kernel's own assumptions: the side that did not lose a black
 * node has black height at least one, so the sibling (and a red sibling's children) exist.
 */
function eraseColor<T extends RbNode<T>>(parent: T, root: RbRoot<T>, augmentRotate: (oldNode: T, newNode: T) => void): void {
  let node: T | null = null;
  let sibling: T;
  let tmp1: T | null;
  let tmp2: T | null;

  for (;;) {
    // Loop invariants: node is black (or null on the first iteration); node is not the root;
    // every path through parent and node has one black node fewer than the other paths.
    const right = parent.rbRight;
    if (node !== right) {
      // node == parent.rbLeft
      sibling = right!;
      if (sibling.rbRed) {
        // Case 1: red sibling: left rotate at parent.
        const t = sibling.rbLeft!;
        parent.rbRight = t;
        sibling.rbLeft = parent;
        setParentColor(t, parent, false);
        rotateSetParents(parent, sibling, root, true);
        augmentRotate(parent, sibling);
        sibling = t;
      }
      tmp1 = sibling.rbRight;
      if (tmp1 === null || !tmp1.rbRed) {
        tmp2 = sibling.rbLeft;
        if (tmp2 === null || !tmp2.rbRed) {
          // Case 2: sibling colour flip; then fix by blackening a red parent or recurse up.
          setParentColor(sibling, parent, true);
          if (parent.rbRed) {
            parent.rbRed = false;
          } else {
            node = parent;
            const up = node.rbParent;
            if (up !== null) {
              parent = up;
              continue;
            }
          }
          break;
        }
        // Case 3: right rotate at sibling, giving Case 4 (parent links are fixed there).
        tmp1 = tmp2.rbRight;
        sibling.rbLeft = tmp1;
        tmp2.rbRight = sibling;
        parent.rbRight = tmp2;
        if (tmp1 !== null) setParentColor(tmp1, sibling, false);
        augmentRotate(sibling, tmp2);
        tmp1 = sibling;
        sibling = tmp2;
      }
      // Case 4: left rotate at parent plus colour flips.
      tmp2 = sibling.rbLeft;
      parent.rbRight = tmp2;
      sibling.rbLeft = parent;
      setParentColor(tmp1, sibling, false);
      if (tmp2 !== null) tmp2.rbParent = parent;
      rotateSetParents(parent, sibling, root, false);
      augmentRotate(parent, sibling);
      break;
    } else {
      // node == parent.rbRight: the mirror image.
      sibling = parent.rbLeft!;
      if (sibling.rbRed) {
        const t = sibling.rbRight!;
        parent.rbLeft = t;
        sibling.rbRight = parent;
        setParentColor(t, parent, false);
        rotateSetParents(parent, sibling, root, true);
        augmentRotate(parent, sibling);
        sibling = t;
      }
      tmp1 = sibling.rbLeft;
      if (tmp1 === null || !tmp1.rbRed) {
        tmp2 = sibling.rbRight;
        if (tmp2 === null || !tmp2.rbRed) {
          setParentColor(sibling, parent, true);
          if (parent.rbRed) {
            parent.rbRed = false;
          } else {
            node = parent;
            const up = node.rbParent;
            if (up !== null) {
              parent = up;
              continue;
            }
          }
          break;
        }
        tmp1 = tmp2.rbLeft;
        sibling.rbRight = tmp1;
        tmp2.rbLeft = sibling;
        parent.rbLeft = tmp2;
        if (tmp1 !== null) setParentColor(tmp1, sibling, false);
        augmentRotate(sibling, tmp2);
        tmp1 = sibling;
        sibling = tmp2;
      }
      tmp2 = sibling.rbRight;
      parent.rbLeft = tmp2;
      sibling.rbRight = parent;
      setParentColor(tmp1, sibling, false);
      if (tmp2 !== null) tmp2.rbParent = parent;
      rotateSetParents(parent, sibling, root, false);
      augmentRotate(parent, sibling);
      break;
    }
  }
}

/** rb_insert_color: rebalances after {@link rbLinkNode}, for a tree without augmentation. @public */
export function rbInsertColor<T extends RbNode<T>>(node: T, root: RbRoot<T>): void {
  rbInsert(node, root, dummyRotate);
}

/**
 * rb_insert_color_cached: as {@link rbInsertColor}; `leftmost` says whether the descent only
 * went left, i.e. `node` is the new first node.
 * @public
 */
export function rbInsertColorCached<T extends RbNode<T>>(node: T, root: RbRootCached<T>, leftmost: boolean): void {
  if (leftmost) root.rbLeftmost = node;
  rbInsert(node, root, dummyRotate);
}

/**
 * rb_insert_augmented (__rb_insert_augmented): as {@link rbInsertColor} for an augmented tree.
 * As in the kernel, the caller must already have updated the augmented values of the new node
 * and of its ancestors on the way down; only rotations call back.
 * @public
 */
export function rbInsertAugmented<T extends RbNode<T>>(node: T, root: RbRoot<T>, augment: RbAugmentCallbacks<T>): void {
  rbInsert(node, root, augment.rotate);
}

/** rb_insert_augmented_cached: {@link rbInsertAugmented} plus the leftmost cache. @public */
export function rbInsertAugmentedCached<T extends RbNode<T>>(
  node: T,
  root: RbRootCached<T>,
  newLeft: boolean,
  augment: RbAugmentCallbacks<T>,
): void {
  if (newLeft) root.rbLeftmost = node;
  rbInsert(node, root, augment.rotate);
}

/** rb_erase: unlinks `node` from a tree without augmentation. The node's links are left stale. @public */
export function rbErase<T extends RbNode<T>>(node: T, root: RbRoot<T>): void {
  const rebalance = eraseAugmented(node, root, dummyCallbacks as RbAugmentCallbacks<T>);
  if (rebalance !== null) eraseColor(rebalance, root, dummyRotate);
}

/** rb_erase_cached: {@link rbErase} plus the leftmost cache. @public */
export function rbEraseCached<T extends RbNode<T>>(node: T, root: RbRootCached<T>): void {
  if (root.rbLeftmost === node) root.rbLeftmost = rbNext(node);
  rbErase(node, root);
}

/** rb_erase_augmented: unlinks `node`, keeping augmented data correct through `augment`. @public */
export function rbEraseAugmented<T extends RbNode<T>>(node: T, root: RbRoot<T>, augment: RbAugmentCallbacks<T>): void {
  const rebalance = eraseAugmented(node, root, augment);
  if (rebalance !== null) eraseColor(rebalance, root, augment.rotate);
}

/** rb_erase_augmented_cached: {@link rbEraseAugmented} plus the leftmost cache. @public */
export function rbEraseAugmentedCached<T extends RbNode<T>>(
  node: T,
  root: RbRootCached<T>,
  augment: RbAugmentCallbacks<T>,
): void {
  if (root.rbLeftmost === node) root.rbLeftmost = rbNext(node);
  rbEraseAugmented(node, root, augment);
}

/** rb_first: the first node in sort order, found by walking (O(log n)). @public */
export function rbFirst<T extends RbNode<T>>(root: RbRoot<T>): T | null {
  let n = root.rbNode;
  if (n === null) return null;
  while (n.rbLeft !== null) n = n.rbLeft;
  return n;
}

/** rb_last: the last node in sort order. @public */
export function rbLast<T extends RbNode<T>>(root: RbRoot<T>): T | null {
  let n = root.rbNode;
  if (n === null) return null;
  while (n.rbRight !== null) n = n.rbRight;
  return n;
}

/** rb_next: the in-order successor of `node`, or null (also for an RB_EMPTY_NODE). @public */
export function rbNext<T extends RbNode<T>>(node: T): T | null {
  if (rbEmptyNode(node)) return null;

  // With a right child the successor is the leftmost node below it.
  let n = node.rbRight;
  if (n !== null) {
    while (n.rbLeft !== null) n = n.rbLeft;
    return n;
  }

  // Otherwise it is the first ancestor of which we are in the left subtree.
  let cur = node;
  let parent = cur.rbParent;
  while (parent !== null && cur === parent.rbRight) {
    cur = parent;
    parent = cur.rbParent;
  }
  return parent;
}

/** rb_prev: the in-order predecessor of `node`, or null (also for an RB_EMPTY_NODE). @public */
export function rbPrev<T extends RbNode<T>>(node: T): T | null {
  if (rbEmptyNode(node)) return null;

  let n = node.rbLeft;
  if (n !== null) {
    while (n.rbRight !== null) n = n.rbRight;
    return n;
  }

  let cur = node;
  let parent = cur.rbParent;
  while (parent !== null && cur === parent.rbLeft) {
    cur = parent;
    parent = cur.rbParent;
  }
  return parent;
}

function leftDeepestNode<T extends RbNode<T>>(node: T): T {
  for (;;) {
    if (node.rbLeft !== null) node = node.rbLeft;
    else if (node.rbRight !== null) node = node.rbRight;
    else return node;
  }
}

/** rb_first_postorder: the first node of a post-order walk (children before parents). @public */
export function rbFirstPostorder<T extends RbNode<T>>(root: RbRoot<T>): T | null {
  return root.rbNode === null ? null : leftDeepestNode(root.rbNode);
}

/** rb_next_postorder: the post-order successor of `node`, or null after the root. @public */
export function rbNextPostorder<T extends RbNode<T>>(node: T): T | null {
  const parent = node.rbParent;
  if (parent === null) return null;
  // Coming up from the left, the right subtree (if any) is still to be visited.
  if (node === parent.rbLeft && parent.rbRight !== null) return leftDeepestNode(parent.rbRight);
  return parent;
}

/**
 * Checks that the links below `root` form a tree: the root has no parent, every child's parent
 * link points back to the node holding it, and no node holds the same child on both sides.
 * Together these rule out cycles and shared subtrees, so it terminates on any corruption, and
 * afterwards walks that follow parent links (rbNext, post-order) are safe. O(n) time, O(height)
 * extra space (an explicit stack, no recursion).
 *
 * @param describe - turns a node into location context for the error message
 * @returns the number of nodes
 * @public
 */
export function rbCheckLinks<T extends RbNode<T>>(root: RbRoot<T>, describe: (node: T) => unknown = () => ''): number {
  const top = root.rbNode;
  if (top === null) return 0;
  check(top.rbParent === null, 'root has a parent at', describe(top));

  const stack: T[] = [top];
  let count = 0;
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    count++;
    const left = node.rbLeft;
    const right = node.rbRight;
    if (left !== null) {
      // describe() builds a string: called only once a check has failed.
      if (left === right) check(false, 'same child on both sides at', describe(node));
      if (left.rbParent !== node) check(false, 'broken parent link of left child at', describe(left));
      stack.push(left);
    }
    if (right !== null) {
      if (right.rbParent !== node) check(false, 'broken parent link of right child at', describe(right));
      stack.push(right);
    }
  }
  return count;
}

/**
 * Checks the red-black properties, numbered as in the comment at the top of lib/rbtree.c:
 * 1) a node is red or black and 3) NULL leaves are black hold by construction here; checked are
 * 2) the root is black, 4) both children of a red node are black, 5) every path from the root to
 * a NULL leaf has the same number of black nodes. Assumes {@link rbCheckLinks} passed. O(n) time,
 * O(height) extra space.
 *
 * @param describe - turns a node into location context for the error message
 * @returns the black height (black nodes on every root-to-leaf path, NULL leaf not counted)
 * @public
 */
export function rbCheckColors<T extends RbNode<T>>(root: RbRoot<T>, describe: (node: T) => unknown = () => ''): number {
  const top = root.rbNode;
  if (top === null) return 0;
  check(!top.rbRed, 'property 2: red root at', describe(top));

  // Two parallel stacks rather than pairs, to avoid an allocation per node.
  const nodes: T[] = [top];
  const depths: number[] = [1];
  let blackHeight = -1;
  for (let node = nodes.pop(); node !== undefined; node = nodes.pop()) {
    const depth = depths.pop()!;
    for (let side = 0; side < 2; side++) {
      const child = side === 0 ? node.rbLeft : node.rbRight;
      if (child === null) {
        if (blackHeight < 0) blackHeight = depth;
        if (depth !== blackHeight) check(false, 'property 5: black height', depth, 'instead of', blackHeight, 'below', describe(node));
      } else {
        if (node.rbRed && child.rbRed) check(false, 'property 4: red node with red child at', describe(node));
        nodes.push(child);
        depths.push(child.rbRed ? depth : depth + 1);
      }
    }
  }
  return blackHeight;
}
