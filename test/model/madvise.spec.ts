/**
 * The model's madvise contract (model/contract.ts madviseOps) and its era-dependent `allocs`,
 * derived from the kerneldoc of drm_gpuvm_madvise_ops_create and "DOC: Madvise Logic".
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ModelDriver } from '../../model/modelDriver.ts';
import { V6_18_ERA, V6_8_ERA } from '../../src/era/presets.ts';
import { parseTrace } from '../../src/trace/parse.ts';
import type { Request } from '../../src/trace/request.ts';
import { request } from '../../src/trace/request.ts';

const G = 0x1000n;

function run(text: string, driver: ModelDriver): ModelDriver {
  for (const p of parseTrace(text)) driver.execute(p.request);
  return driver;
}

describe('model madvise', () => {
  const setup = 'init 0 0x100000 0 0\nmap 0x0 0x4000 0 0x500\nmap 0x10000 0x2000 0 0\nmap 0x12000 0x1000 1 0\nmap 0x13000 0x2000 0 0x7000\n';

  it('splits at the start and the end, maps the inner parts without an object, leaves a VA with an object alone', () => {
    const driver = run(`${setup}madvise 0x11000 0x3000\n`, new ModelDriver(V6_18_ERA));
    expect(driver.lines.slice(-5)).toEqual([
      'REMAP prev(0x10000 0x1000 0 0x0) next(-) unmap(0x10000 0x2000 0 0x0 keep=0)',
      'MAP 0x11000 0x1000 0 0x0',
      'REMAP prev(-) next(0x14000 0x1000 0 0x8000) unmap(0x13000 0x2000 0 0x7000 keep=0)',
      'MAP 0x13000 0x1000 0 0x0',
      'OK',
    ]);
  });

  it('has no op for an aligned range and is EINVAL outside the window', () => {
    const driver = run(`${setup}madvise 0x10000 0x2000\nmadvise 0xff000 0x2000\n`, new ModelDriver(V6_18_ERA));
    expect(driver.lines.slice(-3)).toEqual(['OK', '> madvise 0xff000 0x2000', 'ERR -22 EINVAL']);
  });

  it('is EOPNOTSUPP in an era without it, changing nothing', () => {
    const driver = run(`${setup}madvise 0x1000 0x2000\n`, new ModelDriver(V6_8_ERA));
    expect(driver.lines.at(-1)).toBe('ERR -95 EOPNOTSUPP');
    expect(driver.vas()).toHaveLength(4);
  });

  it('never changes what backs a byte, maps no free byte, and stays within two REMAPs and two MAPs, no UNMAP', () => {
    const step = fc.tuple(fc.nat({ max: 15 }), fc.integer({ min: 1, max: 6 }), fc.nat({ max: 2 }), fc.nat({ max: 4 }));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 8 }), fc.nat({ max: 15 }), fc.integer({ min: 1, max: 8 }), (maps, at, len) => {
        const driver = new ModelDriver(V6_18_ERA);
        driver.execute(request('init', 0n, 16n * G, 0n, 0n));
        for (const [a, r, h, o] of maps) driver.execute(request('map', BigInt(a) * G, BigInt(Math.min(r, 16 - a)) * G, h, BigInt(o) * G));
        const bytes = (): unknown[] => Array.from({ length: 16 * 4 }, (_, i) => backing(driver, (BigInt(i) * G) / 4n));
        const before = bytes();
        const madvise: Request = request('madvise', BigInt(at) * G, BigInt(Math.min(len, 16 - at)) * G);
        const result = driver.execute(madvise);
        expect(result.status).toBe(0);
        expect(bytes()).toEqual(before);
        const count = (type: string): number => result.ops.filter((op) => op.type === type).length;
        expect(count('UNMAP')).toBe(0);
        expect(count('REMAP')).toBeLessThanOrEqual(2);
        expect(count('MAP')).toBe(count('REMAP'));
        for (const op of result.ops) if (op.type === 'MAP') expect(op.map.handle).toBe(0);
      }),
      { seed: 18, numRuns: 300 },
    );
  });
});

/** What backs a byte: free, a VA without an object, or an object at an offset. */
function backing(driver: ModelDriver, addr: bigint): unknown {
  const b = driver.byteAt(addr);
  if (typeof b === 'string') return b;
  return b.handle === 0 ? 'no object' : { handle: b.handle, offset: b.offset };
}

describe('model allocs by era', () => {
  it('counts one live vm_bo per object with VAs from v6.8, none after fini', () => {
    const text = 'init 0 0x100000 0 0\nmap 0 0x1000 1 0\nmap 0x1000 0x1000 1 0x1000\nmap 0x2000 0x1000 2 0\nmap 0x3000 0x1000 0 0\nallocs\nunmap 0x2000 0x1000\nallocs\n';
    expect(run(text, new ModelDriver(V6_8_ERA)).lines.filter((l) => l.startsWith('ALLOCS'))).toEqual(['ALLOCS live=0 vm_bo=2', 'ALLOCS live=0 vm_bo=1']);
    expect(run(text, new ModelDriver()).lines.filter((l) => l.startsWith('ALLOCS'))).toEqual(['ALLOCS live=0', 'ALLOCS live=0']);
    expect(run(`${text}fini\n`, new ModelDriver(V6_8_ERA)).liveVmBos()).toBe(0);
  });
});
