import { describe, expect, it } from 'vitest';
import { cFaultTraces, faultInjectionTrace } from '../../../fuzz/engines/cFaults.ts';
import { runRequests } from '../../../src/driver/runTrace.ts';
import { parseTrace } from '../../../src/trace/parse.ts';
import { formatTrace, request } from '../../../src/trace/request.ts';

const trace = (text: string) => parseTrace(text.trim().split('\n').map((l) => l.trim()).join('\n') + '\n').map((p) => p.request);

describe('faultInjectionTrace', () => {
  it('fails every allocation of a remap in turn, with allocs and dump after each failure, then lets it succeed', () => {
    const requests = faultInjectionTrace(trace(`
      mode cb
      init 0 0x10000 0 0
      map 0x1000 0x3000 1 0
      map 0x2000 0x1000 2 0
    `));
    const text = formatTrace(requests);
    // The remap with prev and next allocates op, unmap, prev, next copies and the map op.
    for (let n = 1; n <= 5; n++) expect(text).toContain(`fail_alloc ${n}\nmap 0x2000 0x1000 2 0x0\nallocs\ndump\n`);
    expect(text.startsWith('mode list\n')).toBe(true);
    expect(text).not.toContain('mode cb');
    expect(text.endsWith('map 0x2000 0x1000 2 0x0\nfail_alloc 0\n')).toBe(true);
    // The last try of each request succeeded on the port: no ERR -12 after it.
    const lines = runRequests(requests);
    const last = lines.lastIndexOf('> map 0x2000 0x1000 2 0x0');
    expect(lines.slice(last, lines.indexOf('> fail_alloc 0', last))).toContain('OK');
    expect(lines.filter((l) => l === 'ERR -12 ENOMEM').length).toBeGreaterThanOrEqual(5 + 1);
  });

  it('resolves aimed steps against the port as the trace is built', () => {
    let seen: readonly unknown[] = [];
    faultInjectionTrace([
      ...trace('init 0 0x10000 0 0\nmap 0x1000 0x3000 1 0'),
      (vas) => {
        seen = vas;
        return request('find', 0x1000n, 0x3000n);
      },
    ]);
    expect(seen).toEqual([{ addr: 0x1000n, range: 0x3000n, handle: 1, offset: 0n, kernel: false }]);
  });
});

describe('cFaultTraces', () => {
  it('is reproducible from its seed and injects faults', () => {
    const a = cFaultTraces(7, 4, 30).map((t) => formatTrace(t));
    expect(cFaultTraces(7, 4, 30).map((t) => formatTrace(t))).toEqual(a);
    expect(a.some((t) => t.includes('fail_alloc 1\n'))).toBe(true);
  });
});
