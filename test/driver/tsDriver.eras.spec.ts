/**
 * The TS driver in later eras, against transcripts derived by hand from each era's kernel code and
 * "DOC: Examples" (docs/eras.md, docs/driver-semantics.md "Later eras"), not by running the port.
 */
import { describe, expect, it } from 'vitest';
import { runRequests } from '../../src/driver/runTrace.ts';
import { TsDriver } from '../../src/driver/tsDriver.ts';
import type { Era } from '../../src/era/era.ts';
import { SEED_ERA } from '../../src/era/era.ts';
import { V6_18_ERA, V6_19_ERA, V6_8_ERA } from '../../src/era/presets.ts';
import { parseTrace } from '../../src/trace/parse.ts';

/** The transcript of `text` (requests only) in `era`, with the echo lines dropped. */
function results(text: string, era: Era): string[] {
  return runRequests(parseTrace(text).map((p) => p.request), { era }).filter((line) => !line.startsWith('> '));
}

const lines = (text: string): string[] => text.trim().split('\n').map((l) => l.trim());

describe('TsDriver in the vm_bo eras (v6.8 on)', () => {
  const trace = `
    init 0 0x100000 0 0
    map 0 0x3000 1 0x10000
    allocs
    map 0x1000 0x1000 2 0
    allocs
    gem 1
    unmap 0x1000 0x1000
    allocs
    gem 2
    gem_unmap 2
    fail_alloc 3
    map 0x5000 0x1000 3 0
    allocs
    fail_alloc 3
    map 0x6000 0x1000 1 0x20000
    fail_alloc 0
    mode cb
    fail_alloc 1
    map 0x8000 0x1000 4 0
    map 0x8000 0x1000 4 0
    allocs
    gem_unmap 1
    allocs
    fini
  `;

  it('counts vm_bos apart, obtains them after the op list, and only when the object has none', () => {
    // map obj 1: ops + op, then the vm_bo. REMAP links prev/next to obj 1's vm_bo. Unmapping
    // obj 2's only VA puts its vm_bo. `fail_alloc 3` strikes the vm_bo of a new object (third
    // attempt: ops, op, vm_bo) but not a map of obj 1, which finds its vm_bo. In mode cb the vm_bo
    // is obtained before the walk: attempt 1.
    const expected = lines(`
      OK
      MAP 0x0 0x3000 1 0x10000
      OK
      ALLOCS live=0 vm_bo=1
      REMAP prev(0x0 0x1000 1 0x10000) next(0x2000 0x1000 1 0x12000) unmap(0x0 0x3000 1 0x10000 keep=0)
      MAP 0x1000 0x1000 2 0x0
      OK
      ALLOCS live=0 vm_bo=2
      VAS 2
      VA 0x0 0x1000 1 0x10000
      VA 0x2000 0x1000 1 0x12000
      UNMAP 0x1000 0x1000 2 0x0 keep=0
      OK
      ALLOCS live=0 vm_bo=1
      VAS 0
      OK
      OK
      ERR -12 ENOMEM
      ALLOCS live=0 vm_bo=1
      OK
      MAP 0x6000 0x1000 1 0x20000
      OK
      OK
      OK
      OK
      ERR -12 ENOMEM
      MAP 0x8000 0x1000 4 0x0
      OK
      ALLOCS live=0 vm_bo=2
      UNMAP 0x0 0x1000 1 0x10000 keep=0
      UNMAP 0x2000 0x1000 1 0x12000 keep=0
      UNMAP 0x6000 0x1000 1 0x20000 keep=0
      OK
      ALLOCS live=0 vm_bo=1
      OK
    `);
    expect(results(trace, V6_8_ERA)).toEqual(expected);
    expect(results(trace, V6_19_ERA)).toEqual(expected);
  });

  it('is the seed everywhere else: no vm_bo counted, and the seed never makes the third allocation of a map', () => {
    const seed = results(trace, SEED_ERA);
    expect(seed).toContain('ALLOCS live=0');
    expect(seed.filter((l) => l.includes('vm_bo'))).toEqual([]);
    expect(seed).toContain('MAP 0x5000 0x1000 3 0x0');
  });

  it('obtains the vm_bo of an insert before inserting: its allocation fails first, and no VA is made', () => {
    const text = 'init 0 0x10000 0 0\ninsert 0 0x1000 1 0\nfail_alloc 1\ninsert 0 0x1000 5 0\nfail_alloc 1\ninsert 0x2000 0x1000 6 0\ninsert 0x2000 0x1000 6 0\ndump\nallocs\n';
    expect(results(text, V6_8_ERA)).toEqual(['OK', 'OK', 'OK', 'ERR -12 ENOMEM', 'OK', 'ERR -12 ENOMEM', 'OK', 'VAS 2', 'VA 0x0 0x1000 1 0x0', 'VA 0x2000 0x1000 6 0x0', 'ALLOCS live=0 vm_bo=2']);
    // The seed allocates nothing for an insert: EEXIST, and the armed fault waits.
    expect(results(text, SEED_ERA).slice(0, 7)).toEqual(['OK', 'OK', 'OK', 'ERR -17 EEXIST', 'OK', 'OK', 'ERR -17 EEXIST']);
  });

  it('keeps the range check quiet but init still WARNs', () => {
    const text = 'init 0x10 0xffffffffffffffff 0 0\nmap 0xffffffffffff0000 0x20000 1 0\nfind_next 0xffffffffffffffff\n';
    const warn = 'WARN GPUVA address limited to 8 bytes.';
    expect(results(text, SEED_ERA)).toEqual([warn, 'OK', warn, 'ERR -22 EINVAL', warn, 'NONE']);
    expect(results(text, V6_8_ERA)).toEqual([warn, 'OK', 'ERR -22 EINVAL', 'NONE']);
  });

  it('leaves no vm_bo and no VM reference behind a fini, so a new init starts clean', () => {
    const driver = new TsDriver({ era: V6_8_ERA });
    for (const p of parseTrace('init 0 0x10000 0x8000 0x1000\nmap 0 0x2000 1 0\ninsert 0x3000 0x1000 2 0\nfini\n')) driver.execute(p.request);
    expect(driver.liveVmBos).toBe(0);
    expect(driver.lines.filter((l) => l.startsWith('WARN'))).toEqual([]);
  });
});

describe('TsDriver madvise (v6.18 on)', () => {
  const setup = `
    init 0 0x100000 0 0
    map 0x0 0x4000 0 0x500
    map 0x10000 0x2000 0 0
    map 0x12000 0x1000 1 0
    map 0x13000 0x2000 0 0x7000
  `;
  const setupLines = ['OK', 'MAP 0x0 0x4000 0 0x500', 'OK', 'MAP 0x10000 0x2000 0 0x0', 'OK', 'MAP 0x12000 0x1000 1 0x0', 'OK', 'MAP 0x13000 0x2000 0 0x7000', 'OK'];

  it('splits a VA around a range inside it: one REMAP and one MAP (DOC case 1)', () => {
    expect(results(`${setup}madvise 0x1000 0x2000\n`, V6_18_ERA).slice(setupLines.length)).toEqual([
      'REMAP prev(0x0 0x1000 0 0x500) next(0x3000 0x1000 0 0x3500) unmap(0x0 0x4000 0 0x500 keep=0)',
      'MAP 0x1000 0x2000 0 0x0',
      'OK',
    ]);
  });

  it('remaps the ends of a range over several VAs and maps their inner parts, skipping a VA with an object (DOC case 2)', () => {
    expect(results(`${setup}madvise 0x11000 0x3000\ndump\n`, V6_18_ERA).slice(setupLines.length)).toEqual([
      'REMAP prev(0x10000 0x1000 0 0x0) next(-) unmap(0x10000 0x2000 0 0x0 keep=0)',
      'MAP 0x11000 0x1000 0 0x0',
      'REMAP prev(-) next(0x14000 0x1000 0 0x8000) unmap(0x13000 0x2000 0 0x7000 keep=0)',
      'MAP 0x13000 0x1000 0 0x0',
      'OK',
      'VAS 6',
      'VA 0x0 0x4000 0 0x500',
      'VA 0x10000 0x1000 0 0x0',
      'VA 0x11000 0x1000 0 0x0',
      'VA 0x12000 0x1000 1 0x0',
      'VA 0x13000 0x1000 0 0x0',
      'VA 0x14000 0x1000 0 0x8000',
    ]);
  });

  it('needs no op where the range is aligned, free, or on a VA with an object (DOC cases 4, 5)', () => {
    const tail = results(`${setup}madvise 0x10000 0x2000\nmadvise 0x50000 0x1000\nmadvise 0x12000 0x800\n`, V6_18_ERA).slice(setupLines.length);
    expect(tail).toEqual(['OK', 'OK', 'OK']);
  });

  it('refuses an invalid range as map does, and is EOPNOTSUPP before v6.18', () => {
    expect(results(`${setup}madvise 0xfffff000 0x2000\n`, V6_18_ERA).slice(setupLines.length)).toEqual(['ERR -22 EINVAL']);
    expect(results(`${setup}madvise 0x1000 0x2000\n`, V6_8_ERA).slice(setupLines.length)).toEqual(['ERR -95 EOPNOTSUPP']);
    expect(results(`${setup}madvise 0x1000 0x2000\n`, SEED_ERA).slice(setupLines.length)).toEqual(['ERR -95 EOPNOTSUPP']);
  });

  it('runs as an op list in mode cb too', () => {
    const list = results(`${setup}madvise 0x1000 0x2000\n`, V6_18_ERA);
    const cb = results(`mode cb\n${setup}madvise 0x1000 0x2000\n`, V6_18_ERA);
    expect(cb.slice(1)).toEqual(list);
  });
});
