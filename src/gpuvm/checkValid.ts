/**
 * Structural invariants of a VA space, layered like lib/rbtree_test.c: the interval tree first
 * (order, red-black rules, `subtreeLast` recomputed from scratch), then the address-sorted list
 * against the tree, then the GEM lists.
 */
import { check } from '../kernel/check.ts';
import type { ListHead } from '../kernel/list.ts';
import { sourceHas } from './era.ts';
import type { DrmGemObject, DrmGpuva, DrmGpuvm, DrmGpuvmBo } from './types.ts';

/** The entry after `pos`, once its link back to `pos` is checked. */
function nextEntry<T>(pos: ListHead<T>, what: string, index: number): ListHead<T> {
  const next = pos.next;
  if (next === null || next.prev !== pos) check(false, what, 'has a broken link after entry', index);
  return next!;
}

/**
 * Checks one list of VAs of `obj` (its own in the seed, a vm_bo's from v6.8) and adds them to
 * `listed`; no check for a VA listed twice: with every link checked both ways, one entry cannot
 * follow two different predecessors, so that shows as a broken link first.
 * @returns the number of VAs on the list
 */
function checkVaList(head: ListHead<DrmGpuva>, obj: DrmGemObject, what: string, vmBo: DrmGpuvmBo | null, listed: Set<DrmGpuva>): number {
  let entry = head;
  let i = 0;
  for (; (entry = nextEntry(entry, what, i)) !== head; i++) {
    const va = entry.owner!;
    if (va.gem.obj !== obj) check(false, what, 'holds a VA of another object at addr', va.va.addr);
    if (va.vmBo !== vmBo) check(false, what, 'holds a VA linked through another vm_bo at addr', va.va.addr);
    listed.add(va);
  }
  return i;
}

/**
 * Verifies the whole VA space and the given GEM objects' lists; throws at the first violation,
 * naming it and where.
 *
 * Checks, in order: (1) the interval tree's own `checkValid` (links, order, red-black
 * properties, `subtreeLast`, cached leftmost); (2) `rb.list` is a well-linked circular list equal
 * to the in-order walk of the tree, each VA's `vm` is this VA space; (3) every GEM list is well
 * linked (so no VA is on it twice, or on two lists) and holds only VAs of that object; from v6.8
 * the object's vm_bo list is well linked, and the vm_bo of this VA space holds the object's VAs,
 * one reference per VA; (4) every VA in the tree that has an object is on that object's list. A VA on a GEM list but not in the tree is *not* a structural error:
 * the seed's drm_gpuva_map ignores a failed insert and the driver links the VA anyway; the
 * property suite reports that separately.
 *
 * Cost: O(n + g) for n VAs in the tree and g entries on the GEM lists.
 * @returns the number of VAs in the tree (kernel reserved node included)
 * @public
 */
export function drmGpuvmCheckValid(gpuvm: DrmGpuvm, objects: Iterable<DrmGemObject> = []): number {
  const count = gpuvm.rb.tree.checkValid();

  // The list walked beside the tree's in-order walk: one pass, no copies (full checks run often).
  const head = gpuvm.rb.list;
  let pos = head;
  let index = 0;
  for (let va = gpuvm.rb.tree.first(); va; va = gpuvm.rb.tree.next(va), index++) {
    pos = nextEntry(pos, 'VA list', index);
    if (pos === head) check(false, 'VA list has', index, 'entries, tree has', count);
    if (pos.owner !== va) check(false, 'VA list differs from tree order at index', index, 'addr', va.va.addr);
    if (va.vm !== gpuvm) check(false, 'VA in tree belongs to another VA space at addr', va.va.addr);
  }
  if (nextEntry(pos, 'VA list', index) !== head) check(false, 'VA list has more entries than the tree has nodes,', count);

  const checked = new Set(objects);
  const onGemList = new Set<DrmGpuva>();
  for (const obj of checked) {
    if (!sourceHas(gpuvm, 'vm_bo')) {
      checkVaList(obj.gpuva.list, obj, `GEM list of object ${obj.handle}`, null, onGemList);
      continue;
    }
    let entry = obj.gpuva.bos;
    for (let i = 0; (entry = nextEntry(entry, `vm_bo list of object ${obj.handle}`, i)) !== obj.gpuva.bos; i++) {
      const vmBo = entry.owner!;
      if (vmBo.obj !== obj) check(false, 'vm_bo list of object', obj.handle, 'holds a vm_bo of another object at index', i);
      if (vmBo.vm !== gpuvm) continue;
      const linked = checkVaList(vmBo.list.gpuva, obj, `VA list of the vm_bo of object ${obj.handle}`, vmBo, onGemList);
      // Between requests only the linked VAs hold references of a vm_bo.
      if (vmBo.kref !== linked) check(false, 'vm_bo of object', obj.handle, 'has', vmBo.kref, 'references for', linked, 'linked VAs');
    }
  }
  for (let va = gpuvm.rb.tree.first(); va; va = gpuvm.rb.tree.next(va)) {
    const obj = va.gem.obj;
    if (obj && checked.has(obj) && !onGemList.has(va)) check(false, 'VA at addr', va.va.addr, 'not on the GEM list of object', obj.handle);
  }
  return count;
}
