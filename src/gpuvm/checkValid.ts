/**
 * Structural invariants of a VA space, layered like lib/rbtree_test.c: the interval tree first
 * (order, red-black rules, `subtreeLast` recomputed from scratch), then the address-sorted list
 * against the tree, then the GEM lists.
 */
import { check } from '../kernel/check.ts';
import type { ListHead } from '../kernel/list.ts';
import type { DrmGemObject, DrmGpuva, DrmGpuvm } from './types.ts';

/** Checks a circular list's links both ways and returns its owners in order. O(n). */
function walkList<T>(head: ListHead<T>, what: string): T[] {
  const owners: T[] = [];
  let pos = head;
  do {
    const next = pos.next;
    if (next === null || next.prev !== pos) check(false, what, 'has a broken link after entry', owners.length);
    pos = next;
    if (pos !== head) owners.push(pos.owner!);
  } while (pos !== head);
  return owners;
}

/**
 * Verifies the whole VA space and the given GEM objects' lists; throws at the first violation,
 * naming it and where.
 *
 * Checks, in order: (1) the interval tree's own `checkValid` (links, order, red-black
 * properties, `subtreeLast`, cached leftmost); (2) `rb.list` is a well-linked circular list equal
 * to the in-order walk of the tree, each VA's `vm` is this VA space; (3) every GEM list is well
 * linked and holds only VAs of that object, each once; (4) every VA in the tree that has an object
 * is on that object's list. A VA on a GEM list but not in the tree is *not* a structural error:
 * the seed's drm_gpuva_map ignores a failed insert and the driver links the VA anyway; the
 * property suite reports that separately.
 *
 * Cost: O(n + g) for n VAs in the tree and g entries on the GEM lists.
 * @returns the number of VAs in the tree (kernel reserved node included)
 * @public
 */
export function drmGpuvmCheckValid(gpuvm: DrmGpuvm, objects: Iterable<DrmGemObject> = []): number {
  const count = gpuvm.rb.tree.checkValid();

  const inOrder: DrmGpuva[] = [];
  for (let va = gpuvm.rb.tree.first(); va; va = gpuvm.rb.tree.next(va)) inOrder.push(va);
  const listed = walkList(gpuvm.rb.list, 'VA list');
  check(listed.length === inOrder.length, 'VA list has', listed.length, 'entries, tree has', inOrder.length);
  inOrder.forEach((va, i) => {
    if (listed[i] !== va) check(false, 'VA list differs from tree order at index', i, 'addr', va.va.addr);
    if (va.vm !== gpuvm) check(false, 'VA in tree belongs to another VA space at addr', va.va.addr);
  });

  const objs = [...objects];
  const onGemList = new Set<DrmGpuva>();
  for (const obj of objs) {
    for (const va of walkList(obj.gpuva.list, `GEM list of object ${obj.handle}`)) {
      if (va.gem.obj !== obj) check(false, 'GEM list of object', obj.handle, 'holds a VA of another object at addr', va.va.addr);
      if (onGemList.has(va)) check(false, 'VA twice on GEM lists at addr', va.va.addr);
      onGemList.add(va);
    }
  }
  const checked = new Set(objs);
  for (const va of inOrder) {
    if (va.gem.obj && checked.has(va.gem.obj) && !onGemList.has(va)) {
      check(false, 'VA at addr', va.va.addr, 'not on the GEM list of object', va.gem.obj.handle);
    }
  }
  return count;
}
