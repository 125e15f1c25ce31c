/**
 * Naming what a request exercised: which of the 15 documented split/merge cases ("DOC: Split
 * and Merge" in the seed) each of its ops is, and the op's shape. Used to show that generators
 * reach every case, and by campaign reports.
 */
import type { Request } from '../src/trace/request.ts';
import type { OpLine, VaFields } from './opLines.ts';

/**
 * One line per documented split/merge case, in the seed's numbering (index 0 is case 1), in
 * our words: what the old VA is to the requested mapping, and what becomes of it. "Same BO"
 * means the same BO at a contiguous offset, where the backing PTEs could be kept.
 * @public
 */
export const DOC_CASE_TITLES: readonly string[] = [
  'request identical to an existing VA: replaced, PTEs could be kept',
  'identical except for the BO offset: replaced',
  'identical except for the BO: replaced',
  'existing VA a left-aligned part of the request: replaced',
  'request a left-aligned part of the VA, other BO: VA split, its offset adjusted',
  'request a left-aligned part of the VA, same BO: split, PTEs could be kept',
  'request a right-aligned part of the VA, other BO: VA split, offset unchanged',
  'request a right-aligned part of the VA, same BO: split, PTEs could be kept',
  "request overlaps the VA's end, other BO: VA split, offset unchanged",
  "request overlaps the VA's end, same BO: split, PTEs could be kept",
  'request in the middle of the VA, other BO: VA split in two, right offset adjusted',
  'request in the middle of the VA, same BO: split in two, PTEs could be kept',
  'existing VA a right-aligned part of the request: replaced',
  'existing VA in the middle of the request: replaced',
  "request overlaps the VA's start: VA split, its offset adjusted",
];

/** Doc case numbers 1..15 hit by a map request's ops, in op order. @public */
export function docCases(request: Request, ops: readonly OpLine[]): number[] {
  if (request.kind !== 'map') return [];
  const [reqAddr, reqRange, reqHandle, reqOffset] = request.args;
  const reqEnd = reqAddr + reqRange;
  const cases: number[] = [];
  for (const op of ops) {
    if (op.type !== 'UNMAP' && op.type !== 'REMAP') continue;
    const va: VaFields = op.unmap;
    const end = va.addr + va.range;
    const sameBo = va.handle === reqHandle && va.handle !== 0;
    if (va.addr === reqAddr && end === reqEnd) cases.push(op.keep ? 1 : sameBo && va.offset !== reqOffset ? 2 : 3);
    else if (va.addr === reqAddr && end < reqEnd) cases.push(4);
    else if (va.addr === reqAddr) cases.push(op.keep ? 6 : 5);
    else if (va.addr < reqAddr && end === reqEnd) cases.push(op.keep ? 8 : 7);
    else if (va.addr < reqAddr && end < reqEnd) cases.push(op.keep ? 10 : 9);
    else if (va.addr < reqAddr) cases.push(op.keep ? 12 : 11);
    else if (end === reqEnd) cases.push(13);
    else if (end < reqEnd) cases.push(14);
    else cases.push(15);
  }
  return cases;
}

/** The shape of one op, e.g. `REMAP prev+next keep=1`. @public */
export function opShape(op: OpLine): string {
  switch (op.type) {
    case 'MAP':
      return 'MAP';
    case 'PREFETCH':
      return 'PREFETCH';
    case 'UNMAP':
      return `UNMAP keep=${op.keep ? 1 : 0}`;
    case 'REMAP': {
      const parts = [op.prev ? 'prev' : '', op.next ? 'next' : ''].filter(Boolean).join('+');
      return `REMAP ${parts} keep=${op.keep ? 1 : 0}`;
    }
  }
}

/** Every op shape the split/merge code can produce. @public */
export const ALL_OP_SHAPES: readonly string[] = [
  'MAP',
  'PREFETCH',
  'UNMAP keep=0',
  'UNMAP keep=1',
  'REMAP prev keep=0',
  'REMAP prev keep=1',
  'REMAP next keep=0',
  'REMAP next keep=1',
  'REMAP prev+next keep=0',
  'REMAP prev+next keep=1',
];
