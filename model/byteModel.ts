/**
 * The deliberately naive reference model of one VA space: a table that says, for every address
 * of the managed window, which VA covers it; a VA table; one list per GEM object.
 *
 * It is "super-inefficient, for testing" on purpose (as sorted-btree's `sorted-array.ts`): every
 * update writes bytes one at a time in plain loops, every query reads them the same way, and
 * there is no tree and no interval arithmetic beyond "do [lo, hi) and [lo', hi') meet". (The
 * byte table, byteTable.ts, is allocated by pages, so a huge window costs what its VAs touch.) It is
 * written from the documented contract of `../shared/seed/drm_gpuvm.c` (its DOC comments and kernel-doc), never
 * from the seed's code, so that a bug of the code cannot hide in it.
 *
 * This file holds only state and its byte-level updates; what a request means (validity, ops,
 * status lines) lives in `contract.ts` and `modelDriver.ts`.
 *
 * All address arithmetic is unbounded (bigint, no wrap-around): a window or VA may end exactly at
 * 2^64, and `end` is then 2^64, which is not a u64 but is a perfectly good bigint.
 */
import { check } from '../src/kernel/check.ts';
import { ByteTable } from './byteTable.ts';

/**
 * One VA of the model.
 * @public
 */
export interface VaRecord {
  /**
   * Identity and creation sequence number at once: ids are handed out in creation order, start at
   * 1 and are never reused within one ByteModel, so two adjacent VAs with equal fields stay
   * distinct and "created earlier" is "smaller id".
   */
  readonly id: number;
  readonly addr: bigint;
  /** Always > 0. */
  readonly range: bigint;
  /** GEM handle, 0 = no object. */
  readonly handle: number;
  /** Object offset of the first byte; byte `b` maps object offset `offset + (b - addr)`. */
  readonly offset: bigint;
  /** True only for the kernel reserved node. */
  readonly kernel: boolean;
}

/** The largest id a byte can hold (`Uint32Array`). */
const MAX_ID = 0xffff_ffff;

/**
 * The state of one VA space (from `init` to `fini`).
 * @public
 */
export class ByteModel {
  /** First address of the managed window. */
  readonly start: bigint;
  /** One past the last address of the window (`start + size`, may be 2^64). */
  readonly end: bigint;
  /** The kernel reserved node, or null when the reserve is empty. */
  readonly kernelNode: VaRecord | null;

  /** `owner.get(addr - start)` = id of the VA covering `addr`, 0 = free. */
  private readonly owner: ByteTable;
  /** Every VA, kernel node included, by id. */
  private readonly table = new Map<number, VaRecord>();
  /** GEM handle → that object's VAs in link order (a Set iterates in insertion order). */
  private readonly gemLists = new Map<number, Set<VaRecord>>();
  private nextId = 1;

  /**
   * An empty VA space managing `[start, start + size)`, with the kernel reserved node
   * `[reserveOffset, reserveOffset + reserveRange)` (none when `reserveRange` is 0). The reserve
   * may lie partly or wholly outside the window; its bytes inside the window are owned by it.
   *
   * The caller decides what the model speaks for (sizes, overflow); this only refuses what the
   * typed array cannot hold.
   */
  constructor(start: bigint, size: bigint, reserveOffset: bigint, reserveRange: bigint) {
    check(start >= 0n && size >= 0n && size <= BigInt(0x7fff_ffff), 'ByteModel: unusable window size', size);
    this.start = start;
    this.end = start + size;
    this.owner = new ByteTable(Number(size));
    this.kernelNode = reserveRange > 0n ? this.create(reserveOffset, reserveRange, 0, 0n, true) : null;
  }

  /** Number of addresses in the window. */
  get size(): number {
    return this.owner.length;
  }

  /** Number of VAs, the kernel reserved node included. O(1). */
  get vaCount(): number {
    return this.table.size;
  }

  /** True when `addr` is in the window. */
  inWindow(addr: bigint): boolean {
    return addr >= this.start && addr < this.end;
  }

  /** The id of the VA covering `addr` (0 = free); `addr` must be in the window. */
  ownerAt(addr: bigint): number {
    check(this.inWindow(addr), 'ownerAt: address outside the window', addr);
    return this.owner.get(Number(addr - this.start));
  }

  /** The VA with this id; throws if there is none. */
  va(id: number): VaRecord {
    const va = this.table.get(id);
    if (va === undefined) check(false, 'no VA with id', id); // test first: called for every VA of a full check
    return va;
  }

  /**
   * Every VA (kernel node included) in ascending address order: the owners of their first bytes,
   * in window order.
   *
   * The first bytes' window indices are sorted as numbers, natively: several times faster than a
   * comparator on bigints, and full checks list every VA. The kernel node is the one VA that may
   * start outside the window; it goes first or last by hand.
   */
  all(): VaRecord[] {
    const k = this.kernelNode;
    const outside = k && !this.inWindow(k.addr) ? k : null;
    const firsts = new Uint32Array(this.table.size - (outside ? 1 : 0));
    let n = 0;
    for (const va of this.table.values()) if (va !== outside) firsts[n++] = Number(va.addr - this.start);
    firsts.sort();
    const sorted: VaRecord[] = [];
    for (const i of firsts) sorted.push(this.va(this.owner.get(i)));
    if (outside) outside.addr < this.start ? sorted.unshift(outside) : sorted.push(outside);
    return sorted;
  }

  /** The VAs of object `handle` in link order (empty for an object never mapped). */
  gemList(handle: number): VaRecord[] {
    return [...(this.gemLists.get(handle) ?? [])];
  }

  /** How many objects have at least one VA: the live vm_bos of v6.8 on. O(objects named). */
  objectsWithVas(): number {
    let n = 0;
    for (const list of this.gemLists.values()) if (list.size > 0) n++;
    return n;
  }

  /**
   * Every VA (kernel node included) that has a byte in `[lo, hi)`, in ascending address order.
   * `hi` may exceed 2^64 (unbounded math); an empty interval yields nothing.
   *
   * Window bytes are read one by one (a page never written reads as free); the kernel node, the
   * one VA that may lie outside the window, is also tested on its record.
   */
  intersecting(lo: bigint, hi: bigint): VaRecord[] {
    if (lo >= hi) return []; // an empty interval meets nothing, not even a VA spanning `lo`
    const ids: number[] = [];
    const { from, to } = this.indices(lo, hi);
    // A VA owns a run of bytes: one entry per run, not per byte.
    this.owner.runs(from, to, (id) => ids.push(id));
    const k = this.kernelNode;
    if (k && k.addr < hi && lo < k.addr + k.range) ids.push(k.id);
    // Sorted by address, any VA listed twice (the kernel node, say) sits next to itself.
    return ids
      .map((id) => this.va(id))
      .sort(byAddr)
      .filter((va, i, sorted) => va !== sorted[i - 1]);
  }

  /** True when no VA (kernel node included) has a byte in `[addr, addr + range)`. */
  isFree(addr: bigint, range: bigint): boolean {
    return this.intersecting(addr, addr + range).length === 0;
  }

  /**
   * Creates a VA over `[addr, addr + range)` (which must be free and, unless it is the kernel
   * node, inside the window), writes its id into each of its bytes and, if it has an object,
   * appends it to that object's list.
   * @returns the new VA
   */
  createVa(addr: bigint, range: bigint, handle: number, offset: bigint): VaRecord {
    check(addr >= this.start && addr + range <= this.end, 'createVa outside the window at', addr, 'range', range);
    return this.create(addr, range, handle, offset, false);
  }

  /**
   * Removes a VA other than the kernel node: frees each of its bytes and takes it off its
   * object's list.
   */
  removeVa(id: number): void {
    const va = this.va(id);
    check(!va.kernel, 'removeVa on the kernel reserved node');
    const { from, to } = this.span(va);
    const bad = this.owner.replace(from, to, id, 0);
    if (bad >= 0) check(false, 'removeVa: byte', this.addrOf(bad), 'is not owned by VA', id);
    this.table.delete(id);
    if (va.handle !== 0 && this.gemLists.get(va.handle)?.delete(va) !== true) {
      check(false, 'removeVa: VA', id, 'missing from the list of object', va.handle);
    }
  }

  /**
   * Verifies the model's own consistency; throws at the first violation, naming it and where.
   *
   * Checks: (1) every VA has range > 0, lies inside the window (the kernel node excepted, which
   * is the only `kernel` VA, has handle 0 and offset 0), and has an id below the next id; (2) every
   * byte of every VA that lies in the window holds that VA's id, so a VA's bytes are contiguous;
   * (3) every owned byte of the window lies inside the VA it names, so VAs do not overlap and the
   * byte table and the VA table describe the same set; (4) every GEM list holds only VAs of its
   * object, in creation order (a VA is linked exactly when it is created); (5) every
   * VA that has an object is on that object's list, and no VA without one is on any list.
   *
   * It does not check anything against the contract (that is what the tests of the requests do).
   *
   * Cost: O(w + n + g) for a window of w addresses, n VAs and g list entries (each byte is
   * visited at most twice); it allocates one small record per VA.
   * @returns the number of VAs (kernel node included)
   * @public
   */
  checkValid(): number {
    // (1) and (2)
    for (const [id, va] of this.table) {
      check(va.id === id && id > 0 && id < this.nextId, 'VA table entry', id, 'has id', va.id);
      check(va.range > 0n, 'VA', id, 'has an empty range at', va.addr);
      check(va.kernel === (va === this.kernelNode), 'VA', id, 'has a wrong kernel flag at', va.addr);
      if (va.kernel) {
        check(va.handle === 0 && va.offset === 0n, 'kernel node has an object or offset');
      } else {
        check(va.addr >= this.start && va.addr + va.range <= this.end, 'VA', id, 'outside the window at', va.addr);
      }
      const { from, to } = this.span(va);
      for (let i = from; i < to; i++) {
        if (this.owner.get(i) !== id) check(false, 'byte', this.addrOf(i), 'of VA', id, 'holds', this.owner.get(i));
      }
    }
    // (3)
    const spans = new Map<number, { from: number; to: number }>();
    for (const va of this.table.values()) spans.set(va.id, this.span(va));
    for (const [i, id] of this.owner.owned()) {
      const span = spans.get(id);
      if (span === undefined) check(false, 'byte', this.addrOf(i), 'owned by unknown VA', id);
      else if (i < span.from || i >= span.to) check(false, 'byte', this.addrOf(i), 'outside its VA', id);
    }
    // (4)
    // A VA is on at most one list: a list is a Set, and a VA on the list of another object fails
    // the handle check.
    const listed = new Set<number>();
    for (const [handle, list] of this.gemLists) {
      check(handle > 0, 'a GEM list for handle', handle);
      let previous = 0;
      for (const va of list) {
        check(this.table.get(va.id) === va, 'GEM list of object', handle, 'holds removed VA', va.id);
        check(va.handle === handle, 'GEM list of object', handle, 'holds VA', va.id, 'of object', va.handle);
        check(va.id > previous, 'GEM list of object', handle, 'out of creation order at VA', va.id);
        listed.add(va.id);
        previous = va.id;
      }
    }
    // (5)
    for (const va of this.table.values()) {
      check(listed.has(va.id) === (va.handle !== 0), 'VA', va.id, 'at', va.addr, 'linked wrongly, handle', va.handle);
    }
    return this.table.size;
  }

  private create(addr: bigint, range: bigint, handle: number, offset: bigint, kernel: boolean): VaRecord {
    check(range > 0n, 'create: empty VA at', addr);
    check(this.nextId <= MAX_ID, 'create: out of VA ids');
    const va: VaRecord = { id: this.nextId++, addr, range, handle, offset, kernel };
    const { from, to } = this.span(va);
    const bad = this.owner.replace(from, to, 0, va.id);
    if (bad >= 0) check(false, 'create: byte', this.addrOf(bad), 'already owned by VA', this.owner.get(bad));
    this.table.set(va.id, va);
    if (handle !== 0 && !kernel) {
      let list = this.gemLists.get(handle);
      if (!list) this.gemLists.set(handle, (list = new Set()));
      list.add(va);
    }
    return va;
  }

  /**
   * The window indices `[from, to)` of the bytes of `[lo, hi)` that lie in the window (`from ===
   * to` when none do). Window index `i` is address `start + i`.
   */
  private indices(lo: bigint, hi: bigint): { from: number; to: number } {
    const from = lo > this.start ? lo : this.start;
    const to = hi < this.end ? hi : this.end;
    return from < to ? { from: Number(from - this.start), to: Number(to - this.start) } : { from: 0, to: 0 };
  }

  /** The window indices of the bytes of `va` that lie in the window. */
  private span(va: VaRecord): { from: number; to: number } {
    return this.indices(va.addr, va.addr + va.range);
  }

  /** The address of window index `i`, for messages. */
  private addrOf(i: number): bigint {
    return this.start + BigInt(i);
  }
}

function byAddr(a: VaRecord, b: VaRecord): number {
  return a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0;
}
