/**
 * Every request other than `map`, each rule on a small hand-written example.
 * Diagram unit = 0x1000.
 */
import { describe, expect, it } from 'vitest';
import { ModelDriver, ModelNotApplicable } from '../../model/modelDriver.ts';
import { request } from '../../src/trace/request.ts';
import { driverAfter, resultOfLast, transcriptOf } from './__helpers__/run.ts';

const INIT = 'init 0 0x100000 0 0\n';

describe('model unmap', () => {
  it('unmaps enclosed VAs and splits the ones at the ends, keep always 0, no MAP', () => {
    const setup = `${INIT}map 0x0 0x2000 1 0x0\nmap 0x2000 0x1000 1 0x2000\nmap 0x3000 0x2000 1 0x3000\n`;
    expect(resultOfLast(`${setup}unmap 0x1000 0x3000\n`)).toEqual([
      'REMAP prev(0x0 0x1000 1 0x0) next(-) unmap(0x0 0x2000 1 0x0 keep=0)',
      'UNMAP 0x2000 0x1000 1 0x2000 keep=0',
      'REMAP prev(-) next(0x4000 0x1000 1 0x4000) unmap(0x3000 0x2000 1 0x3000 keep=0)',
      'OK',
    ]);
  });

  it('splits a VA strictly around the range into prev and next', () => {
    const driver = driverAfter(`${INIT}map 0x0 0x3000 1 0x10000\nunmap 0x1000 0x1000\n`);
    expect(driver.lines.slice(-2)).toEqual([
      'REMAP prev(0x0 0x1000 1 0x10000) next(0x2000 0x1000 1 0x12000) unmap(0x0 0x3000 1 0x10000 keep=0)',
      'OK',
    ]);
    expect(driver.byteAt(0x1000n)).toBe('free');
    expect(driver.byteAt(0x1fffn)).toBe('free');
    expect(driver.byteAt(0x2000n)).toMatchObject({ handle: 1, offset: 0x12000n });
  });

  it('on free space: no ops, OK', () => {
    expect(resultOfLast(`${INIT}unmap 0x0 0x1000\n`)).toEqual(['OK']);
  });

  it.each([
    ['zero range', 'unmap 0x0 0x0'],
    ['outside the window', 'unmap 0x100000 0x1000'],
    ['on the reserved node', 'unmap 0x0 0x2000'],
  ])('%s: EINVAL, no change', (_name, req) => {
    const driver = driverAfter(`init 0 0x100000 0x1000 0x1000\nmap 0x0 0x1000 1 0x0\n${req}\n`);
    expect(driver.lines.slice(-1)).toEqual(['ERR -22 EINVAL']);
    expect(driver.vas()).toHaveLength(2);
  });
});

describe('model gem_unmap', () => {
  it('unmaps every VA of the object in list order (not address order), keep=0', () => {
    const setup = `${INIT}map 0x3000 0x1000 1 0x0\nmap 0x0 0x1000 1 0x5000\nmap 0x1000 0x1000 2 0x0\n`;
    const driver = driverAfter(`${setup}gem_unmap 1\ndump\n`);
    expect(driver.lines.slice(-6)).toEqual([
      'UNMAP 0x3000 0x1000 1 0x0 keep=0',
      'UNMAP 0x0 0x1000 1 0x5000 keep=0',
      'OK',
      '> dump',
      'VAS 1',
      'VA 0x1000 0x1000 2 0x0',
    ]);
    expect(driver.gem(1)).toEqual([]);
  });

  it('of an object without VAs: no ops, OK', () => {
    expect(resultOfLast(`${INIT}map 0x0 0x1000 1 0x0\ngem_unmap 2\n`)).toEqual(['OK']);
  });
});

describe('model prefetch', () => {
  it('one PREFETCH per intersecting VA in address order, kernel node included, no change', () => {
    const setup = 'init 0 0x100000 0x2000 0x1000\nmap 0x4000 0x1000 2 0x0\nmap 0x0 0x1000 1 0x0\n';
    const driver = driverAfter(`${setup}prefetch 0x800 0x3801\n`);
    expect(driver.lines.slice(-4)).toEqual([
      'PREFETCH 0x0 0x1000 1 0x0',
      'PREFETCH 0x2000 0x1000 0 0x0', // the kernel node: op lines carry no tag
      'PREFETCH 0x4000 0x1000 2 0x0',
      'OK',
    ]);
    expect(driver.vas()).toHaveLength(3);
  });

  it('zero range: no ops, OK', () => {
    expect(resultOfLast(`${INIT}map 0x0 0x2000 1 0x0\nprefetch 0x1000 0x0\n`)).toEqual(['OK']);
  });

  it('outside the window and past 2^64: OK, only what intersects', () => {
    expect(resultOfLast(`${INIT}map 0xff000 0x1000 1 0x0\nprefetch 0xff800 0xffffffffffffffff\n`)).toEqual([
      'PREFETCH 0xff000 0x1000 1 0x0',
      'OK',
    ]);
  });
});

describe('model insert', () => {
  it('creates the VA and links it on its object list', () => {
    const driver = driverAfter(`${INIT}insert 0x1000 0x1000 1 0x7000\ngem 1\n`);
    expect(driver.lines.slice(-4)).toEqual(['OK', '> gem 1', 'VAS 1', 'VA 0x1000 0x1000 1 0x7000']);
  });

  it('a VA without object is on no list', () => {
    const driver = driverAfter(`${INIT}insert 0x1000 0x1000 0 0x0\n`);
    expect(driver.vas()).toHaveLength(1);
    expect(driver.gem(1)).toEqual([]);
    driver.checkValid();
  });

  it('EEXIST when any byte is taken (even one at the far end)', () => {
    expect(resultOfLast(`${INIT}map 0x2fff 0x1 1 0x0\ninsert 0x1000 0x2000 2 0x0\n`)).toEqual(['ERR -17 EEXIST']);
  });

  it.each([
    ['zero range', 'insert 0x1000 0x0 1 0x0'],
    ['past the window', 'insert 0xff000 0x2000 1 0x0'],
    ['on the reserved node (EINVAL, not EEXIST)', 'insert 0x7000 0x2000 1 0x0'],
  ])('%s: EINVAL', (_name, req) => {
    expect(resultOfLast(`init 0 0x100000 0x8000 0x1000\n${req}\n`)).toEqual(['ERR -22 EINVAL']);
  });
});

describe('model remove', () => {
  it('removes and unlinks the VA with exactly that address and range', () => {
    const driver = driverAfter(`${INIT}map 0x1000 0x2000 1 0x0\nremove 0x1000 0x2000\ndump\ngem 1\n`);
    expect(driver.lines.slice(-5)).toEqual(['OK', '> dump', 'VAS 0', '> gem 1', 'VAS 0']);
  });

  it.each([
    ['other range', 'remove 0x1000 0x1000'],
    ['other address', 'remove 0x2000 0x1000'],
    ['zero range', 'remove 0x1000 0x0'],
  ])('%s: ENOENT, nothing removed', (_name, req) => {
    const driver = driverAfter(`${INIT}map 0x1000 0x2000 1 0x0\n${req}\n`);
    expect(driver.lines.slice(-1)).toEqual(['ERR -2 ENOENT']);
    expect(driver.vas()).toHaveLength(1);
  });

  it('the kernel node stays, and the request is OK', () => {
    const driver = driverAfter('init 0 0x100000 0x1000 0x1000\nremove 0x1000 0x1000\n');
    expect(driver.lines.slice(-1)).toEqual(['OK']);
    expect(driver.vas()).toEqual([{ addr: 0x1000n, range: 0x1000n, handle: 0, offset: 0n, kernel: true, id: 1 }]);
  });
});

describe('model find, find_first, empty', () => {
  const setup = `init 0 0x100000 0x8000 0x1000\nmap 0x1000 0x2000 1 0x0\nmap 0x4000 0x1000 2 0x0\n`;

  it.each([
    ['find exact', 'find 0x1000 0x2000', 'VA 0x1000 0x2000 1 0x0'],
    ['find other range', 'find 0x1000 0x1000', 'NONE'],
    ['find inside', 'find 0x2000 0x1000', 'NONE'],
    ['find zero range', 'find 0x1000 0x0', 'NONE'],
    ['find the kernel node', 'find 0x8000 0x1000', 'VA 0x8000 0x1000 0 0x0 kernel'],
    ['find_first from the middle of a VA', 'find_first 0x2fff 0x2000', 'VA 0x1000 0x2000 1 0x0'],
    ['find_first skipping a gap', 'find_first 0x3000 0x1001', 'VA 0x4000 0x1000 2 0x0'],
    ['find_first in a gap', 'find_first 0x3000 0x1000', 'NONE'],
    ['find_first zero range', 'find_first 0x1000 0x0', 'NONE'],
    ['find_first reaching the kernel node', 'find_first 0x5000 0x4000', 'VA 0x8000 0x1000 0 0x0 kernel'],
    ['empty on a VA', 'empty 0x2fff 0x1', 'EMPTY 0'],
    ['empty in a gap', 'empty 0x3000 0x1000', 'EMPTY 1'],
    ['empty zero range', 'empty 0x1000 0x0', 'EMPTY 1'],
    ['empty on the kernel node', 'empty 0x8fff 0x1', 'EMPTY 0'],
  ])('%s', (_name, req, line) => {
    expect(resultOfLast(`${setup}${req}\n`)).toEqual([line]);
  });
});

describe('model find_prev and find_next', () => {
  // [0x1000, 0x2000) and [0x2000, 0x3000) are adjacent; [0x5000, 0x6000) after a gap;
  // the kernel node [0x6000, 0x7000) touches the last one.
  const setup =
    'init 0 0x100000 0x6000 0x1000\nmap 0x1000 0x1000 1 0x0\nmap 0x2000 0x1000 2 0x0\nmap 0x5000 0x1000 3 0x0\n';

  it.each([
    ['find_prev adjacent', 'find_prev 0x2000', 'VA 0x1000 0x1000 1 0x0'],
    ['find_next adjacent', 'find_next 0x2000', 'VA 0x2000 0x1000 2 0x0'],
    ['find_prev across a gap', 'find_prev 0x5000', 'NONE'],
    ['find_next across a gap', 'find_next 0x3000', 'NONE'],
    ['find_prev from inside a VA', 'find_prev 0x1800', 'NONE'],
    ['find_next from inside a VA', 'find_next 0x1800', 'NONE'],
    ['find_prev at 0', 'find_prev 0x0', 'NONE'],
    ['find_next at the window end', 'find_next 0x100000', 'NONE'],
    ['find_prev ignores the kernel node', 'find_prev 0x7000', 'NONE'],
    ['find_next ignores the kernel node', 'find_next 0x6000', 'NONE'],
    ['find_prev of the kernel node start', 'find_prev 0x6000', 'VA 0x5000 0x1000 3 0x0'],
  ])('%s', (_name, req, line) => {
    expect(resultOfLast(`${setup}${req}\n`)).toEqual([line]);
  });
});

describe('model dump and gem', () => {
  it('dump lists every VA in address order, the kernel node tagged', () => {
    const driver = driverAfter('init 0 0x100000 0x2000 0x1000\nmap 0x3000 0x1000 1 0x0\nmap 0x0 0x1000 0 0x0\ndump\n');
    expect(driver.lines.slice(-4)).toEqual([
      'VAS 3',
      'VA 0x0 0x1000 0 0x0',
      'VA 0x2000 0x1000 0 0x0 kernel',
      'VA 0x3000 0x1000 1 0x0',
    ]);
  });

  it('gem lists the object list in list order; an unknown object has none', () => {
    const driver = driverAfter(`${INIT}map 0x3000 0x1000 1 0x0\nmap 0x0 0x1000 1 0x0\ngem 1\ngem 9\n`);
    expect(driver.lines.slice(-6)).toEqual([
      '> gem 1',
      'VAS 2',
      'VA 0x3000 0x1000 1 0x0',
      'VA 0x0 0x1000 1 0x0',
      '> gem 9',
      'VAS 0',
    ]);
  });
});

describe('model allocs, fail_alloc, mode, fini, init', () => {
  it('allocs: nothing live after any request', () => {
    expect(resultOfLast(`${INIT}map 0x0 0x2000 1 0x0\nmap 0x1000 0x2000 2 0x0\nprefetch 0 0x10000\nallocs\n`)).toEqual([
      'ALLOCS live=0',
    ]);
  });

  it('fail_alloc n > 0 is not applicable, leaving lines and state as they were', () => {
    const driver = driverAfter(`${INIT}map 0x0 0x1000 1 0x0\n`);
    const before = [...driver.lines];
    expect(() => driver.execute(request('fail_alloc', 1n))).toThrow(ModelNotApplicable);
    expect(driver.lines).toEqual(before);
    expect(driver.vas()).toHaveLength(1);
  });

  it('fail_alloc 0 only disarms: OK', () => {
    expect(resultOfLast(`${INIT}fail_alloc 0\n`)).toEqual(['OK']);
  });

  it('mode cb gives the same transcript as mode list', () => {
    const trace = `${INIT}map 0x0 0x3000 1 0x0\nmap 0x1000 0x1000 2 0x0\nunmap 0x0 0x2000\ngem_unmap 1\ndump\n`;
    const list = transcriptOf(trace);
    const cb = transcriptOf(`mode cb\n${trace}`);
    expect(cb.slice(0, 2)).toEqual(['> mode cb', 'OK']);
    expect(cb.slice(2)).toEqual(list);
    expect(list.length).toBeGreaterThan(10);
  });

  it('fini drops every VA and link; a new init starts empty', () => {
    const lines = transcriptOf(`${INIT}map 0x0 0x1000 1 0x0\nfini\ninit 0 0x100000 0 0\ndump\ngem 1\n`);
    expect(lines.slice(-8)).toEqual(['> fini', 'OK', '> init 0x0 0x100000 0x0 0x0', 'OK', '> dump', 'VAS 0', '> gem 1', 'VAS 0']);
  });

  it('a second init without fini first drops the old VA space', () => {
    const driver = driverAfter(`${INIT}map 0x0 0x1000 1 0x0\ninit 0x10000 0x10000 0 0\n`);
    expect(driver.lines.slice(-2)).toEqual(['> init 0x10000 0x10000 0x0 0x0', 'OK']);
    expect(driver.vas()).toEqual([]);
    expect(driver.gem(1)).toEqual([]);
    expect(driver.window).toEqual({ start: 0x10000n, end: 0x20000n });
  });

  it('a zero reserve makes no kernel node', () => {
    expect(resultOfLast('init 0 0x10000 0x1000 0\ndump\n')).toEqual(['VAS 0']);
  });

  it('a window of zero bytes accepts no mapping', () => {
    expect(resultOfLast('init 0x1000 0 0 0\nmap 0x1000 0x1 1 0x0\n')).toEqual(['ERR -22 EINVAL']);
  });

  it('a request before init is an error of the trace, not a model verdict', () => {
    const driver = new ModelDriver();
    expect(() => driver.execute(request('dump'))).toThrow(/before init/);
    expect(() => driver.execute(request('dump'))).not.toThrow(ModelNotApplicable);
  });

  it('prints no WARN line, even where the seed documents a refusal', () => {
    const lines = transcriptOf('init 0 0x10000 0x1000 0x1000\nremove 0x1000 0x1000\nfini\n');
    expect(lines).toEqual(['> init 0x0 0x10000 0x1000 0x1000', 'OK', '> remove 0x1000 0x1000', 'OK', '> fini', 'OK']);
  });
});

describe('model: empty intervals', () => {
  it('prefetch with range 0 inside the kernel node or a VA lists nothing', () => {
    const driver = driverAfter('init 0 0x10000 0x4000 0x2000\nmap 0 0x2000 1 0\nprefetch 0x5000 0\nprefetch 0x1000 0\n');
    expect(driver.lines.slice(-4)).toEqual(['> prefetch 0x5000 0x0', 'OK', '> prefetch 0x1000 0x0', 'OK']);
  });
});
