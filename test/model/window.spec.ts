/**
 * The managed window and the kernel reserved node: windows at the top of the address space,
 * reserves inside, straddling and outside the window, and what the model refuses to speak for.
 */
import { describe, expect, it } from 'vitest';
import { MAX_MODEL_WINDOW, ModelDriver, ModelNotApplicable } from '../../model/modelDriver.ts';
import { request } from '../../src/trace/request.ts';
import { U64_MAX } from '../../src/u64.ts';
import { driverAfter, resultOfLast } from './__helpers__/run.ts';

const TOP = 1n << 64n;

describe('model window ending at 2^64', () => {
  const init = 'init 0xffffffffffff0000 0x10000 0 0\n';

  it('reports the window end as 2^64', () => {
    expect(driverAfter(init).window).toEqual({ start: 0xffffffffffff0000n, end: TOP });
  });

  it('maps the page below the last one: requests whose exclusive end is 2^64 are refused', () => {
    // CONTRACT (isValidRange): the seed limits addresses to 8 bytes, so an end of 2^64 is invalid.
    const driver = driverAfter(`${init}map 0xffffffffffffe000 0x1000 1 0x0\nmap 0xfffffffffffff000 0x1000 1 0x0\ndump\n`);
    expect(driver.lines.slice(-7)).toEqual([
      'MAP 0xffffffffffffe000 0x1000 1 0x0',
      'OK',
      '> map 0xfffffffffffff000 0x1000 1 0x0',
      'ERR -22 EINVAL',
      '> dump',
      'VAS 1',
      'VA 0xffffffffffffe000 0x1000 1 0x0',
    ]);
    expect(driver.byteAt(0xffffffffffffefffn)).toMatchObject({ handle: 1, offset: 0xfffn });
    expect(driver.byteAt(U64_MAX)).toBe('free');
  });

  it('maps up to the last byte but one', () => {
    expect(resultOfLast(`${init}map 0xfffffffffffff000 0xfff 1 0x0\n`)).toEqual(['MAP 0xfffffffffffff000 0xfff 1 0x0', 'OK']);
  });

  it('splits a VA near the top', () => {
    expect(resultOfLast(`${init}map 0xffffffffffffd000 0x2000 1 0x0\nunmap 0xffffffffffffd000 0x1000\n`)).toEqual([
      'REMAP prev(-) next(0xffffffffffffe000 0x1000 1 0x1000) unmap(0xffffffffffffd000 0x2000 1 0x0 keep=0)',
      'OK',
    ]);
  });

  it('refuses a range running past 2^64 (no wrap-around)', () => {
    expect(resultOfLast(`${init}map 0xfffffffffffff000 0x2000 1 0x0\n`)).toEqual(['ERR -22 EINVAL']);
  });

  it('find_prev from inside the last VA finds nothing; find_first running past 2^64 finds it', () => {
    const setup = `${init}map 0xffffffffffffe000 0x1000 1 0x0\n`;
    expect(resultOfLast(`${setup}find_prev 0xffffffffffffe800\n`)).toEqual(['NONE']);
    expect(resultOfLast(`${setup}find_first 0xffffffffffffe800 0xffffffffffffffff\n`)).toEqual([
      'VA 0xffffffffffffe000 0x1000 1 0x0',
    ]);
  });
});

describe('model kernel reserved node', () => {
  it('inside the window: dumped, tagged, its bytes reserved, maps around it fine', () => {
    const driver = driverAfter('init 0 0x10000 0x4000 0x1000\nmap 0x3000 0x1000 1 0x0\nmap 0x5000 0x1000 1 0x0\ndump\n');
    expect(driver.lines.slice(-4)).toEqual([
      'VAS 3',
      'VA 0x3000 0x1000 1 0x0',
      'VA 0x4000 0x1000 0 0x0 kernel',
      'VA 0x5000 0x1000 1 0x0',
    ]);
    expect(driver.byteAt(0x4000n)).toBe('reserved');
    expect(driver.byteAt(0x4fffn)).toBe('reserved');
    expect(driver.byteAt(0x5000n)).toMatchObject({ handle: 1 });
    expect(driver.vas().filter((va) => va.kernel)).toHaveLength(1);
  });

  it('straddling the window start: only its in-window part blocks maps', () => {
    const setup = 'init 0x10000 0x10000 0x8000 0x10000\n'; // reserve [0x8000, 0x18000)
    expect(resultOfLast(`${setup}map 0x17000 0x1000 1 0x0\n`)).toEqual(['ERR -22 EINVAL']);
    expect(resultOfLast(`${setup}map 0x18000 0x1000 1 0x0\n`)).toEqual(['MAP 0x18000 0x1000 1 0x0', 'OK']);
    expect(resultOfLast(`${setup}prefetch 0x0 0x9000\n`)).toEqual(['PREFETCH 0x8000 0x10000 0 0x0', 'OK']);
    expect(resultOfLast(`${setup}find_first 0x0 0x8001\n`)).toEqual(['VA 0x8000 0x10000 0 0x0 kernel']);
    const driver = driverAfter(setup);
    expect(driver.byteAt(0x8000n)).toBe('reserved');
    expect(driver.byteAt(0x7fffn)).toBe('outside');
    expect(driver.byteAt(0x18000n)).toBe('free');
  });

  it('wholly outside the window: still a VA, dumped in address order, blocks nothing', () => {
    const driver = driverAfter('init 0x10000 0x10000 0x30000 0x1000\nmap 0x10000 0x10000 1 0x0\ndump\nfind 0x30000 0x1000\n');
    expect(driver.lines.slice(-6)).toEqual([
      '> dump',
      'VAS 2',
      'VA 0x10000 0x10000 1 0x0',
      'VA 0x30000 0x1000 0 0x0 kernel',
      '> find 0x30000 0x1000',
      'VA 0x30000 0x1000 0 0x0 kernel',
    ]);
    expect(driver.byteAt(0x30000n)).toBe('reserved');
  });

  it('at the very top of the address space, outside a low window', () => {
    const driver = driverAfter('init 0 0x10000 0xffffffffffffe000 0x1000\nprefetch 0xffffffffffffe800 0x1000\n');
    expect(driver.lines.slice(-2)).toEqual(['PREFETCH 0xffffffffffffe000 0x1000 0 0x0', 'OK']);
    expect(driver.byteAt(0xffffffffffffefffn)).toBe('reserved');
    expect(driver.byteAt(U64_MAX)).toBe('outside');
  });
});

describe('model: what it does not speak for', () => {
  const notApplicable = (text: string, req: Parameters<ModelDriver['execute']>[0]): ModelDriver => {
    const driver = text ? driverAfter(text) : new ModelDriver();
    const before = [...driver.lines];
    const vas = driver.vas();
    expect(() => driver.execute(req)).toThrow(ModelNotApplicable);
    expect(driver.lines).toEqual(before);
    expect(driver.vas()).toEqual(vas);
    return driver;
  };

  it('a number that is not a u64 is an error of the trace, not a verdict', () => {
    const driver = new ModelDriver();
    expect(() => driver.execute(request('init', 0n, 0x100n, TOP, 0n))).toThrow(RangeError);
    expect(driver.lines).toEqual([]);
  });

  it('a window running past 2^64', () => {
    notApplicable('', request('init', 0xffffffffffff0000n, 0x10001n, 0n, 0n));
  });

  it('a reserve running past 2^64', () => {
    notApplicable('', request('init', 0n, 0x10000n, U64_MAX, 2n));
  });

  it('a window too large for the byte table, keeping the old VA space', () => {
    const driver = notApplicable('init 0 0x10000 0 0\nmap 0 0x1000 1 0x0\n', request('init', 0n, MAX_MODEL_WINDOW + 1n, 0n, 0n));
    expect(driver.window).toEqual({ start: 0n, end: 0x10000n });
  });

  it('a mapping whose object offsets run past 2^64 - 1', () => {
    notApplicable('init 0 0x10000 0 0\n', request('map', 0n, 0x1000n, 1, U64_MAX - 0xffen));
    notApplicable('init 0 0x10000 0 0\n', request('insert', 0n, 0x1000n, 1, U64_MAX));
  });

  it('but the same offsets are fine on a request that is refused anyway, or fits exactly', () => {
    expect(resultOfLast('init 0 0x10000 0 0\nmap 0x0 0x0 1 0xffffffffffffffff\n')).toEqual(['ERR -22 EINVAL']);
    expect(resultOfLast('init 0 0x10000 0 0\nmap 0x0 0x1000 1 0xfffffffffffff000\n')).toEqual([
      'MAP 0x0 0x1000 1 0xfffffffffffff000',
      'OK',
    ]);
  });
});
