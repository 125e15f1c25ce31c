/**
 * `map`: validity, the split walk and its keep flags, and what applying it does to the VAs and
 * the GEM lists. Diagram unit = 0x1000; n = 0x10000.
 */
import { describe, expect, it } from 'vitest';
import { driverAfter, resultOfLast } from './__helpers__/run.ts';

const INIT = 'init 0 0x100000 0 0\n';

describe('model map: keep flag for each way a VA meets the request', () => {
  // "left": the request covers the VA's left end; the VA sticks out to the right (next only).
  it.each([
    ['same object, contiguous offset', '1 0xf000', 1],
    ['other object', '2 0xf000', 0],
    ['same object, other offset', '1 0x10000', 0],
  ])('left overlap, %s', (_name, objOffset, keep) => {
    expect(resultOfLast(`${INIT}map 0x2000 0x2000 1 0x10000\nmap 0x1000 0x2000 ${objOffset}\n`)).toEqual([
      `REMAP prev(-) next(0x3000 0x1000 1 0x11000) unmap(0x2000 0x2000 1 0x10000 keep=${keep})`,
      `MAP 0x1000 0x2000 ${objOffset}`,
      'OK',
    ]);
  });

  // "right": the request covers the VA's right end; the VA sticks out to the left (prev only).
  it.each([
    ['same object, contiguous offset', '1 0x11000', 1],
    ['other object', '3 0x11000', 0],
    ['same object, other offset', '1 0x10000', 0],
  ])('right overlap, %s', (_name, objOffset, keep) => {
    expect(resultOfLast(`${INIT}map 0x0 0x2000 1 0x10000\nmap 0x1000 0x2000 ${objOffset}\n`)).toEqual([
      `REMAP prev(0x0 0x1000 1 0x10000) next(-) unmap(0x0 0x2000 1 0x10000 keep=${keep})`,
      `MAP 0x1000 0x2000 ${objOffset}`,
      'OK',
    ]);
  });

  // "inside": the request lies strictly inside the VA (cases 11 and 12): prev and next.
  it.each([
    ['same object, contiguous offset', '1 0x11000', 1],
    ['other object', '2 0x11000', 0],
    ['same object, other offset', '1 0x0', 0],
  ])('request inside the VA, %s', (_name, objOffset, keep) => {
    expect(resultOfLast(`${INIT}map 0x0 0x3000 1 0x10000\nmap 0x1000 0x1000 ${objOffset}\n`)).toEqual([
      `REMAP prev(0x0 0x1000 1 0x10000) next(0x2000 0x1000 1 0x12000) unmap(0x0 0x3000 1 0x10000 keep=${keep})`,
      `MAP 0x1000 0x1000 ${objOffset}`,
      'OK',
    ]);
  });

  // "over": the VA lies inside the request (cases 1-4, 13, 14): a plain UNMAP.
  it.each([
    ['same object, contiguous offset', '1 0xf000', 1],
    ['other object', '2 0xf000', 0],
    ['same object, other offset', '1 0x10000', 0],
  ])('VA inside the request, %s', (_name, objOffset, keep) => {
    expect(resultOfLast(`${INIT}map 0x1000 0x1000 1 0x10000\nmap 0x0 0x3000 ${objOffset}\n`)).toEqual([
      `UNMAP 0x1000 0x1000 1 0x10000 keep=${keep}`,
      `MAP 0x0 0x3000 ${objOffset}`,
      'OK',
    ]);
  });

  it('an identical request is replaced with keep=1 (case 1), not skipped', () => {
    expect(resultOfLast(`${INIT}map 0x0 0x1000 1 0x10000\nmap 0x0 0x1000 1 0x10000\n`)).toEqual([
      'UNMAP 0x0 0x1000 1 0x10000 keep=1',
      'MAP 0x0 0x1000 1 0x10000',
      'OK',
    ]);
  });

  it('a VA without object is never kept, even for a request without object at the same offset', () => {
    expect(resultOfLast(`${INIT}map 0x0 0x2000 0 0x0\nmap 0x0 0x1000 0 0x0\n`)).toEqual([
      'REMAP prev(-) next(0x1000 0x1000 0 0x1000) unmap(0x0 0x2000 0 0x0 keep=0)',
      'MAP 0x0 0x1000 0 0x0',
      'OK',
    ]);
  });
});

describe('model map: walk order and effect', () => {
  it('lists the ops of every VA met in ascending address order, then one MAP', () => {
    // Mapped out of address order on purpose: the op order must not follow creation order.
    const setup = `${INIT}map 0x4000 0x2000 2 0x0\nmap 0x2000 0x1000 3 0x0\nmap 0x0 0x2000 1 0x10000\n`;
    expect(resultOfLast(`${setup}map 0x1000 0x4000 1 0x11000\n`)).toEqual([
      'REMAP prev(0x0 0x1000 1 0x10000) next(-) unmap(0x0 0x2000 1 0x10000 keep=1)',
      'UNMAP 0x2000 0x1000 3 0x0 keep=0',
      'REMAP prev(-) next(0x5000 0x1000 2 0x1000) unmap(0x4000 0x2000 2 0x0 keep=0)',
      'MAP 0x1000 0x4000 1 0x11000',
      'OK',
    ]);
  });

  it('a map into free space is a single MAP', () => {
    expect(resultOfLast(`${INIT}map 0x0 0x1000 1 0x0\nmap 0x1000 0x1000 1 0x1000\n`)).toEqual([
      'MAP 0x1000 0x1000 1 0x1000',
      'OK',
    ]);
  });

  it('replaces the bytes: dump shows the pieces and the new mapping in address order', () => {
    const driver = driverAfter(`${INIT}map 0x0 0x3000 1 0x10000\nmap 0x1000 0x1000 2 0x0\ndump\n`);
    expect(driver.lines.slice(-4)).toEqual([
      'VAS 3',
      'VA 0x0 0x1000 1 0x10000',
      'VA 0x1000 0x1000 2 0x0',
      'VA 0x2000 0x1000 1 0x12000',
    ]);
    expect(driver.byteAt(0x1fffn)).toMatchObject({ handle: 2, offset: 0xfffn });
    expect(driver.byteAt(0x2000n)).toMatchObject({ handle: 1, offset: 0x12000n });
  });

  it('GEM list order is link order: the remap pieces (prev, then next), then the new VA', () => {
    expect(resultOfLast(`${INIT}map 0x0 0x3000 1 0x10000\nmap 0x1000 0x1000 1 0x11000\ngem 1\n`)).toEqual([
      'VAS 3',
      'VA 0x0 0x1000 1 0x10000',
      'VA 0x2000 0x1000 1 0x12000',
      'VA 0x1000 0x1000 1 0x11000',
    ]);
  });

  it('a remapped VA leaves its old object list, the new mapping joins its own', () => {
    const driver = driverAfter(`${INIT}map 0x0 0x2000 1 0x0\nmap 0x2000 0x1000 1 0x0\nmap 0x1000 0x2000 2 0x0\n`);
    expect(driver.gem(1).map((va) => [va.addr, va.range])).toEqual([[0x0n, 0x1000n]]);
    expect(driver.gem(2).map((va) => [va.addr, va.range])).toEqual([[0x1000n, 0x2000n]]);
  });

  it('adjacent mappings of the same object stay two VAs (no merging)', () => {
    const driver = driverAfter(`${INIT}map 0x0 0x1000 1 0x0\nmap 0x1000 0x1000 1 0x1000\n`);
    expect(driver.vas()).toHaveLength(2);
    const [left, right] = [driver.byteAt(0xfffn), driver.byteAt(0x1000n)];
    expect(typeof left === 'object' && typeof right === 'object' && left.va !== right.va).toBe(true);
  });
});

describe('model map: invalid ranges', () => {
  it.each([
    ['zero range', 'map 0x1000 0x0 1 0x0'],
    ['below the window', 'map 0xf000 0x2000 1 0x0'],
    ['wholly below the window', 'map 0x0 0x1000 1 0x0'],
    ['past the window', 'map 0x1f000 0x2000 1 0x0'],
    ['past 2^64', 'map 0xfffffffffffff000 0x2000 1 0x0'],
    ['on the reserved node', 'map 0x17000 0x2000 1 0x0'],
  ])('%s: EINVAL, no ops, no change', (_name, req) => {
    // Window [0x10000, 0x20000), reserve [0x18000, 0x19000); the mapping below the reserve
    // would be split or unmapped by any op.
    const driver = driverAfter(`init 0x10000 0x10000 0x18000 0x1000\nmap 0x10000 0x8000 1 0x0\n${req}\ndump\n`);
    expect(driver.lines.slice(-6)).toEqual([
      `> ${req}`,
      'ERR -22 EINVAL',
      '> dump',
      'VAS 2',
      'VA 0x10000 0x8000 1 0x0',
      'VA 0x18000 0x1000 0 0x0 kernel',
    ]);
  });
});
