/**
 * Properties of the model on random traces: its own invariants (checkValid) after every request,
 * and the contract read at the level of single bytes, independently of the op lists: a `map`
 * gives exactly its bytes the requested object and offsets, an `unmap` frees exactly its bytes,
 * and nothing else ever changes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ModelDriver } from '../../model/modelDriver.ts';
import type { Request } from '../../src/trace/request.ts';
import { modelTrace } from './__helpers__/modelTraces.ts';

/** Fuzz settings, in one place: fixed seeds, so a failure reproduces. */
const SETTINGS = { numRuns: 300, seed: 0x9e3779b9 } as const;
const UNIT = 0x10n;

/** What every byte of the window holds, without the VA identity (split pieces get new ones). */
function snapshot(driver: ModelDriver): string[] {
  const window = driver.window;
  if (!window) return [];
  const bytes: string[] = [];
  for (let addr = window.start; addr < window.end; addr++) {
    const at = driver.byteAt(addr);
    bytes.push(typeof at === 'string' ? at : `${at.handle}@${at.offset}`);
  }
  return bytes;
}

/** What `req` should leave in each byte of the window, given the bytes before and its status. */
function expectedBytes(req: Request, before: readonly string[], start: bigint, status: string | undefined): string[] {
  if (status !== 'OK') return [...before];
  if (req.kind === 'map' || req.kind === 'insert') {
    const [a, r, obj, off] = req.args;
    return before.map((old, i) => {
      const addr = start + BigInt(i);
      return addr >= a && addr < a + r ? `${obj}@${off + (addr - a)}` : old;
    });
  }
  if (req.kind === 'unmap') {
    const [a, r] = req.args;
    return before.map((old, i) => {
      const addr = start + BigInt(i);
      return addr >= a && addr < a + r ? 'free' : old;
    });
  }
  return [...before]; // gem_unmap and remove are checked by their own examples
}

describe('model properties', () => {
  it('checkValid holds after every request of random traces', () => {
    let requests = 0;
    fc.assert(
      fc.property(modelTrace(UNIT, { min: 1, max: 30 }), (trace) => {
        const driver = new ModelDriver();
        for (const req of trace) {
          driver.execute(req);
          driver.checkValid();
          requests++;
        }
      }),
      SETTINGS,
    );
    expect(requests).toBeGreaterThan(SETTINGS.numRuns * 5);
  });

  it('map and unmap change exactly the requested bytes, and only when OK', () => {
    const seen = { map: 0, unmap: 0, refused: 0 };
    fc.assert(
      fc.property(modelTrace(UNIT, { min: 1, max: 25 }), (trace) => {
        const driver = new ModelDriver();
        for (const req of trace) {
          const window = driver.window;
          const before = snapshot(driver);
          driver.execute(req);
          if (!window || !['map', 'unmap', 'insert', 'prefetch', 'find_first', 'dump'].includes(req.kind)) continue;
          const status = driver.lines.at(-1);
          if (req.kind === 'map' || req.kind === 'unmap') seen[status === 'OK' ? req.kind : 'refused']++;
          expect(snapshot(driver)).toEqual(expectedBytes(req, before, window.start, status));
        }
      }),
      SETTINGS,
    );
    // the generator must exercise both outcomes
    expect(seen.map).toBeGreaterThan(100);
    expect(seen.unmap).toBeGreaterThan(30);
    expect(seen.refused).toBeGreaterThan(30);
  });
});
