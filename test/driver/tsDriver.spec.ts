import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runRequests } from '../../src/driver/runTrace.ts';
import { TsDriver } from '../../src/driver/tsDriver.ts';
import { parseTrace } from '../../src/trace/parse.ts';
import type { Request } from '../../src/trace/request.ts';
import { request } from '../../src/trace/request.ts';
import { smallTrace } from '../__helpers__/smallTraces.ts';

const trace = (text: string): Request[] => parseTrace(text).map((p) => p.request);

describe('TsDriver', () => {
  it('keeps the VA space structurally valid after every request (checkValid)', () => {
    fc.assert(
      fc.property(smallTrace, (requests) => {
        const driver = new TsDriver();
        for (const req of requests) {
          driver.execute(req);
          driver.checkValid();
        }
      }),
      { seed: 7, numRuns: 400 },
    );
  });

  it('gives the same transcript in mode list and mode cb, but for the mode line', () => {
    // Only op lists allocate, so fault injection and allocation counts differ by design.
    const allocationFree = smallTrace.map((requests) => requests.filter((r) => r.kind !== 'fail_alloc'));
    fc.assert(
      fc.property(allocationFree, (requests) => {
        const list = runRequests(requests);
        const cb = runRequests([request('mode', 'cb'), ...requests]);
        expect(cb.slice(2)).toEqual(list);
      }),
      { seed: 11, numRuns: 400 },
    );
  });

  it('runs fini on the old VA space when init comes twice, printing its WARNs under init', () => {
    const lines = runRequests(trace('init 0 0x10000 0 0\nmap 0 0x1000 1 0\ninit 0 0x10000 0 0\ndump\ngem 1\n'));
    expect(lines.slice(-6)).toEqual(['> init 0x0 0x10000 0x0 0x0', 'OK', '> dump', 'VAS 0', '> gem 1', 'VAS 0']);
  });

  it('tags the kernel reserved node and refuses to remove it with the seed WARN', () => {
    const lines = runRequests(trace('init 0 0x10000 0x1000 0x1000\nfind 0x1000 0x1000\nremove 0x1000 0x1000\ndump\n'));
    expect(lines).toEqual([
      '> init 0x0 0x10000 0x1000 0x1000',
      'OK',
      '> find 0x1000 0x1000',
      'VA 0x1000 0x1000 0 0x0 kernel',
      '> remove 0x1000 0x1000',
      "WARN Can't destroy kernel reserved node.",
      'OK',
      '> dump',
      'VAS 1',
      'VA 0x1000 0x1000 0 0x0 kernel',
    ]);
  });

  it('turns an exception of the port into a CRASH line and stops the transcript there', () => {
    // The reserve overflows: init WARNs and never inserts the kernel node, yet destroy removes it.
    const lines = runRequests(trace('init 0 0x1000 0xffffffffffffffff 2\nfini\ninit 0 0x1000 0 0\n'));
    expect(lines.slice(0, 4)).toEqual([
      '> init 0x0 0x1000 0xffffffffffffffff 0x2',
      'WARN GPUVA address limited to 8 bytes.',
      'OK',
      '> fini',
    ]);
    expect(lines).toHaveLength(5);
    expect(lines[4]).toMatch(/^CRASH TypeError: /);
  });

  it('frees every library allocation of a successful request', () => {
    fc.assert(
      fc.property(smallTrace, (requests) => {
        const lines = runRequests([...requests.filter((r) => r.kind !== 'fail_alloc'), request('allocs')]);
        expect(lines.at(-1)).toBe('ALLOCS live=0');
      }),
      { seed: 3, numRuns: 200 },
    );
  });
});
