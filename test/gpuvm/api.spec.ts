import { SEED_ERA } from '../../src/era/era.ts';
import { describe, expect, it } from 'vitest';
import { drmGpuvmCheckValid } from '../../src/gpuvm/checkValid.ts';
import { listAddTail, listDelInit } from '../../src/kernel/list.ts';
import { drmGpuvaFind, drmGpuvaFindFirst, drmGpuvaFindNext, drmGpuvaFindPrev, drmGpuvmIntervalEmpty } from '../../src/gpuvm/find.ts';
import { drmGpuvmPrefetchOpsCreate, drmGpuvmSmMapOpsCreate, drmGpuvmSmUnmapOpsCreate } from '../../src/gpuvm/opsCreate.ts';
import { drmGpuvmSmMap } from '../../src/gpuvm/smMap.ts';
import { drmGpuvmSmUnmap } from '../../src/gpuvm/smUnmap.ts';
import { DrmGemObject, DrmGpuva, DrmGpuvm } from '../../src/gpuvm/types.ts';
import { drmGpuvaInit, drmGpuvaInsert, drmGpuvaLink } from '../../src/gpuvm/va.ts';
import { drmGpuvmInit } from '../../src/gpuvm/vm.ts';
import { Slab } from '../../src/kernel/slab.ts';
import { U64_MAX } from '../../src/u64.ts';

function newVm(warnings: string[] = []): DrmGpuvm {
  const gpuvm = new DrmGpuvm({ slab: new Slab(), warn: (m) => warnings.push(m), fixes: new Set(), era: SEED_ERA });
  drmGpuvmInit(gpuvm, null, 0n, 0x100000n, 0n, 0n, null);
  return gpuvm;
}

const TOO_BIG = U64_MAX + 1n;

describe('public API ranges', () => {
  it.each([
    ['drmGpuvmInit start', () => drmGpuvmInit(new DrmGpuvm({ slab: new Slab(), warn: () => {}, fixes: new Set(), era: SEED_ERA }), null, -1n, 1n, 0n, 0n, null)],
    ['drmGpuvaFindFirst addr', () => drmGpuvaFindFirst(newVm(), TOO_BIG, 1n)],
    ['drmGpuvaFind range', () => drmGpuvaFind(newVm(), 0n, -5n)],
    ['drmGpuvaFindPrev', () => drmGpuvaFindPrev(newVm(), TOO_BIG)],
    ['drmGpuvaFindNext', () => drmGpuvaFindNext(newVm(), -1n)],
    ['drmGpuvmIntervalEmpty', () => drmGpuvmIntervalEmpty(newVm(), 0n, TOO_BIG)],
    ['drmGpuvmSmMapOpsCreate offset', () => drmGpuvmSmMapOpsCreate(newVm(), 0n, 0x1000n, null, TOO_BIG)],
    ['drmGpuvmSmUnmapOpsCreate', () => drmGpuvmSmUnmapOpsCreate(newVm(), -1n, 0x1000n)],
    ['drmGpuvmPrefetchOpsCreate', () => drmGpuvmPrefetchOpsCreate(newVm(), 0n, TOO_BIG)],
    ['drmGpuvaInit', () => drmGpuvaInit(new DrmGpuva(), TOO_BIG, 0n, null, 0n)],
  ])('%s throws a RangeError for a value outside u64', (_name, call) => {
    expect(call).toThrow(RangeError);
  });

  it.each([
    ['addr', () => drmGpuvaFindFirst(newVm(), TOO_BIG, 1n)],
    ['range', () => drmGpuvaFindFirst(newVm(), 0n, TOO_BIG)],
    ['start', () => drmGpuvaFindPrev(newVm(), TOO_BIG)],
    ['end', () => drmGpuvaFindNext(newVm(), TOO_BIG)],
    ['reqAddr', () => drmGpuvmSmMapOpsCreate(newVm(), TOO_BIG, 0x1000n, null, 0n)],
    ['reqRange', () => drmGpuvmSmUnmapOpsCreate(newVm(), 0n, TOO_BIG)],
    ['reqOffset', () => drmGpuvmSmMapOpsCreate(newVm(), 0n, 0x1000n, null, TOO_BIG)],
  ])('names the parameter %s in the RangeError', (name, call) => {
    expect(call).toThrow(new RegExp(`^${name} must be a u64 \\(0\\.\\.2\\^64-1\\), got ${TOO_BIG}$`));
  });

  it('the callback walks refuse to run without the step callbacks (-EINVAL), as in the seed', () => {
    const gpuvm = newVm();
    expect(drmGpuvmSmMap(gpuvm, null, 0n, 0x1000n, null, 0n)).toBe(-22);
    expect(drmGpuvmSmUnmap(gpuvm, null, 0n, 0x1000n)).toBe(-22);
  });

  it('WARNs with the seed text when the VA space itself overflows', () => {
    const warnings: string[] = [];
    const gpuvm = new DrmGpuvm({ slab: new Slab(), warn: (m) => warnings.push(m), fixes: new Set(), era: SEED_ERA });
    drmGpuvmInit(gpuvm, null, 1n, U64_MAX, 0n, 0n, null);
    expect(warnings).toEqual(['GPUVA address limited to 8 bytes.']);
  });
});

describe('drmGpuvmCheckValid', () => {
  function populated(): { gpuvm: DrmGpuvm; obj: DrmGemObject; vas: DrmGpuva[] } {
    const gpuvm = newVm();
    const obj = new DrmGemObject(1);
    const vas = [0n, 0x3000n, 0x1000n, 0x8000n].map((addr) => {
      const va = new DrmGpuva();
      drmGpuvaInit(va, addr, 0x1000n, obj, addr);
      expect(drmGpuvaInsert(gpuvm, va)).toBe(0);
      drmGpuvaLink(va);
      return va;
    });
    expect(drmGpuvmCheckValid(gpuvm, [obj])).toBe(4);
    return { gpuvm, obj, vas };
  }

  it('detects a VA list out of tree order', () => {
    const { gpuvm } = populated();
    const first = gpuvm.rb.list.next!;
    const second = first.next!;
    // swap the first two entries' positions in the list
    first.next = second.next;
    second.next!.prev = first;
    second.prev = gpuvm.rb.list;
    gpuvm.rb.list.next = second;
    second.next = first;
    first.prev = second;
    expect(() => drmGpuvmCheckValid(gpuvm)).toThrow(/VA list differs from tree order at index 0/);
  });

  it('detects a broken back link', () => {
    const { gpuvm } = populated();
    gpuvm.rb.list.next!.next!.prev = gpuvm.rb.list;
    expect(() => drmGpuvmCheckValid(gpuvm)).toThrow(/VA list has a broken link/);
  });

  it('detects a VA list shorter or longer than the tree', () => {
    const shorter = populated().gpuvm;
    const last = shorter.rb.list.prev!;
    listDelInit(last); // unlinked from the list, still in the tree
    expect(() => drmGpuvmCheckValid(shorter)).toThrow(/VA list has 3 entries, tree has 4/);
    const longer = populated().gpuvm;
    const stray = new DrmGpuva();
    listAddTail(stray.rb.entry, longer.rb.list); // on the list, not in the tree
    expect(() => drmGpuvmCheckValid(longer)).toThrow(/VA list has more entries than the tree has nodes, 4/);
  });

  it('sees one VA on two GEM lists as a broken link: its entry has one predecessor', () => {
    const { gpuvm, obj } = populated();
    const other = new DrmGemObject(2);
    const shared = obj.gpuva.list.next!;
    other.gpuva.list.next = shared;
    other.gpuva.list.prev = shared;
    expect(() => drmGpuvmCheckValid(gpuvm, [other, obj])).toThrow(/GEM list of object 2 has a broken link after entry 0/);
  });

  it('detects a VA missing from its GEM list and a foreign VA on a GEM list', () => {
    const { gpuvm, obj, vas } = populated();
    const other = new DrmGemObject(2);
    vas[0]!.gem.obj = other;
    expect(() => drmGpuvmCheckValid(gpuvm, [obj])).toThrow(/GEM list of object 1 holds a VA of another object/);
    vas[0]!.gem.obj = obj;
    obj.gpuva.list.next = obj.gpuva.list.next!.next;
    obj.gpuva.list.next!.prev = obj.gpuva.list;
    expect(() => drmGpuvmCheckValid(gpuvm, [obj])).toThrow(/not on the GEM list of object 1/);
  });

  it('detects a tree whose augmented value is stale', () => {
    const { gpuvm } = populated();
    gpuvm.rb.tree.root!.subtreeLast = 0n;
    expect(() => drmGpuvmCheckValid(gpuvm)).toThrow(/subtreeLast/);
  });
});
