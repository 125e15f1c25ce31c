/**
 * ByteModel on its own: its byte-level updates and queries, and checkValid catching every kind of
 * corruption it claims to check.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteModel } from '../../model/byteModel.ts';
import type { VaRecord } from '../../model/byteModel.ts';
import type { ByteTable } from '../../model/byteTable.ts';

/** The private state, for planting corruptions that checkValid must find. */
interface Internals {
  owner: ByteTable;
  table: Map<number, VaRecord>;
  gemLists: Map<number, Set<VaRecord>>;
}
const internals = (model: ByteModel): Internals => model as unknown as Internals;
/** Writes one entry of the byte table behind the model's back. */
const overwrite = (m: Internals, i: number, id: number): void => void m.owner.replace(i, i + 1, m.owner.get(i), id);

/** Window [0x100, 0x200), kernel node [0x180, 0x190), VAs a = [0x100, 0x110) obj 1 and b = [0x120, 0x130) obj 1. */
function sample(): { model: ByteModel; a: number; b: number } {
  const model = new ByteModel(0x100n, 0x100n, 0x180n, 0x10n);
  const a = model.createVa(0x100n, 0x10n, 1, 0x1000n).id;
  const b = model.createVa(0x120n, 0x10n, 1, 0x2000n).id;
  return { model, a, b };
}

describe('ByteModel', () => {
  it('lists every VA in address order, whatever the creation order, with the kernel node below, in or above the window', () => {
    const byAddr = (x: bigint, y: bigint): number => (x < y ? -1 : x > y ? 1 : 0);
    fc.assert(
      fc.property(
        fc.shuffledSubarray([...Array(32).keys()]),
        fc.constantFrom([0x80n, 0x10n], [0x100n, 0x8n], [0x1f8n, 0x8n], [0x200n, 0x10n], [0x90n, 0x80n], [0n, 0n]),
        (slots, [reserveOffset, reserveRange]) => {
          const model = new ByteModel(0x100n, 0x100n, reserveOffset, reserveRange);
          const created = slots
            .map((slot) => 0x100n + BigInt(slot) * 8n)
            .filter((addr) => model.isFree(addr, 8n))
            .map((addr) => model.createVa(addr, 8n, 0, 0n));
          const all = model.all();
          const want = [...created, ...(model.kernelNode ? [model.kernelNode] : [])].sort((x, y) => byAddr(x.addr, y.addr));
          expect(all).toEqual(want);
        },
      ),
      { seed: 9, numRuns: 300 },
    );
  });

  it('writes each byte of a VA and frees it again', () => {
    const { model, a } = sample();
    expect(model.ownerAt(0x100n)).toBe(a);
    expect(model.ownerAt(0x10fn)).toBe(a);
    expect(model.ownerAt(0x110n)).toBe(0);
    model.removeVa(a);
    expect(model.ownerAt(0x100n)).toBe(0);
    expect(model.gemList(1).map((va) => va.addr)).toEqual([0x120n]);
    expect(model.checkValid()).toBe(2);
  });

  it('lists intersecting VAs in address order, the kernel node included', () => {
    const { model } = sample();
    expect(model.intersecting(0x10fn, 0x181n).map((va) => va.addr)).toEqual([0x100n, 0x120n, 0x180n]);
    expect(model.intersecting(0x110n, 0x120n)).toEqual([]);
    expect(model.intersecting(0x0n, 0x0n)).toEqual([]);
  });

  it('keeps the in-window part of a straddling kernel node in its bytes', () => {
    const model = new ByteModel(0x100n, 0x100n, 0xf0n, 0x20n);
    expect(model.ownerAt(0x100n)).toBe(model.kernelNode!.id);
    expect(model.ownerAt(0x110n)).toBe(0);
    expect(model.intersecting(0x0n, 0xf1n).map((va) => va.kernel)).toEqual([true]);
    expect(model.checkValid()).toBe(1);
  });

  it('refuses to create over taken bytes or outside the window, and to remove the kernel node', () => {
    const { model } = sample();
    expect(() => model.createVa(0x10fn, 0x2n, 2, 0n)).toThrow(/already owned/);
    expect(() => model.createVa(0x1ffn, 0x2n, 2, 0n)).toThrow(/outside the window/);
    expect(() => model.removeVa(model.kernelNode!.id)).toThrow(/kernel/);
  });

  it('never reuses an id', () => {
    const { model, a } = sample();
    model.removeVa(a);
    const again = model.createVa(0x100n, 0x10n, 1, 0x1000n);
    expect(again.id).toBeGreaterThan(a);
    expect(model.gemList(1).map((va) => va.id)).toEqual([a + 1, again.id]);
  });
});

describe('ByteModel.checkValid catches', () => {
  it('nothing on a sound model (and counts the kernel node)', () => {
    expect(sample().model.checkValid()).toBe(3);
  });

  it.each<[string, (m: Internals, ids: { a: number; b: number }) => void, RegExp]>([
    ['a hole in a VA', (m) => overwrite(m, 0x05, 0), /byte .* of VA/],
    ['a byte owned by an unknown VA', (m) => overwrite(m, 0x50, 99), /unknown VA 99/],
    ['a byte claimed outside its VA', (m, { a }) => overwrite(m, 0x15, a), /outside its VA/],
    [
      'a VA leaving the window',
      (m, { a }) => void m.table.set(a, { ...m.table.get(a)!, addr: 0xf8n, range: 0x18n }),
      /outside the window/,
    ],
    ['an empty VA', (m, { b }) => void m.table.set(b, { ...m.table.get(b)!, range: 0n }), /empty range/],
    ['a second kernel flag', (m, { b }) => void m.table.set(b, { ...m.table.get(b)!, kernel: true }), /kernel flag/],
    [
      'a removed VA on a GEM list',
      (m, { a }) => void m.gemLists.get(1)!.add({ ...m.table.get(a)!, id: 77 }),
      /holds removed VA 77/,
    ],
    ['a stale copy of a VA on its GEM list', (m, { a }) => void m.table.set(a, { ...m.table.get(a)! }), /holds removed VA \d/],
    ['a VA on the wrong GEM list', (m, { a }) => void m.gemLists.set(2, new Set([m.table.get(a)!])), /of object 1/],
    ['a list out of creation order', (m) => void m.gemLists.set(1, new Set([...m.gemLists.get(1)!].reverse())), /creation order/],
    ['a VA missing from its list', (m) => void m.gemLists.set(1, new Set()), /linked wrongly/],
  ])('%s', (_name, corrupt, message) => {
    const { model, a, b } = sample();
    corrupt(internals(model), { a, b });
    expect(() => model.checkValid()).toThrow(message);
  });
});
