import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTrace, parseU64, TraceParseError } from '../../src/trace/parse.ts';
import type { ArgKind, Request, RequestKind } from '../../src/trace/request.ts';
import { formatRequest, formatTrace, MAX_HANDLE, SIGNATURES } from '../../src/trace/request.ts';
import { U64_MAX } from '../../src/u64.ts';

const requestsOf = (text: string): Request[] => parseTrace(text, 't.trace').map((p) => p.request);

function parseError(text: string): TraceParseError {
  try {
    parseTrace(text, 'bad.trace');
  } catch (error) {
    expect(error).toBeInstanceOf(TraceParseError);
    return error as TraceParseError;
  }
  throw new Error('expected a parse error');
}

const arbArg: Record<ArgKind, fc.Arbitrary<bigint | number | string>> = {
  u64: fc.bigInt({ min: 0n, max: U64_MAX }),
  count: fc.bigInt({ min: 0n, max: U64_MAX }),
  obj: fc.integer({ min: 0, max: MAX_HANDLE }),
  handle: fc.integer({ min: 1, max: MAX_HANDLE }),
  mode: fc.constantFrom('list', 'cb'),
};
const arbRequest: fc.Arbitrary<Request> = fc
  .constantFrom(...(Object.keys(SIGNATURES) as RequestKind[]))
  .chain((kind) => fc.tuple(...SIGNATURES[kind].map((k) => arbArg[k])).map((args) => ({ kind, args }) as Request));

describe('parseU64', () => {
  it('reads decimal and 0x hex up to 2^64-1', () => {
    expect(parseU64('0')).toBe(0n);
    expect(parseU64('010')).toBe(10n);
    expect(parseU64('0x1F')).toBe(31n);
    expect(parseU64('18446744073709551615')).toBe(U64_MAX);
    expect(parseU64('0xffffffffffffffff')).toBe(U64_MAX);
  });

  it.each(['-1', '+1', '0x', '1.5', '1e3', 'abc', '0b101', '18446744073709551616', '0x10000000000000000', ''])(
    'refuses %j',
    (word) => expect(() => parseU64(word)).toThrow(),
  );
});

describe('parseTrace', () => {
  it('round-trips every request through its canonical text', () => {
    fc.assert(
      fc.property(arbRequest, (req) => {
        const text = `init 0 1 0 0\n${formatRequest(req)}\n`;
        expect(requestsOf(text).at(-1)).toEqual(req);
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('prints addresses in lowercase hex, handles and counts in decimal, single spaces', () => {
    const [init, map, fail] = requestsOf('init  10\t0x20 0 0  # comment\nmap 0xAB 1 0x10 255\nfail_alloc 0x10\n');
    expect(formatRequest(init!)).toBe('init 0xa 0x20 0x0 0x0');
    expect(formatRequest(map!)).toBe('map 0xab 0x1 16 0xff');
    expect(formatRequest(fail!)).toBe('fail_alloc 16');
  });

  it('skips blank lines and comments, accepts CRLF, and keeps line numbers', () => {
    const parsed = parseTrace('# head\n\r\ninit 0 1 0 0\r\n   \n  dump # trailing\n', 'x');
    expect(parsed.map((p) => p.line)).toEqual([3, 5]);
    expect(formatTrace(parsed.map((p) => p.request))).toBe('init 0x0 0x1 0x0 0x0\ndump\n');
  });

  it('reads madvise (the v6.18 request) in every trace, with an address and a range', () => {
    expect(formatTrace(requestsOf('init 0 4096 0 0\nmadvise 4096 0x2000\n'))).toBe('init 0x0 0x1000 0x0 0x0\nmadvise 0x1000 0x2000\n');
    expect(parseError('init 0 4096 0 0\nmadvise 0x1000\n').message).toBe("bad.trace:2: 'madvise' takes 2 argument(s), got 1");
  });

  it('allows mode before init and init after fini', () => {
    expect(requestsOf('mode cb\ninit 0 1 0 0\nfini\nmode list\ninit 0 2 0 0\ndump\n')).toHaveLength(6);
  });

  it.each([
    ['unknown request', 'init 0 1 0 0\nfrobnicate 1\n', 2, /unknown request 'frobnicate'/],
    ['too few arguments', 'init 0 1 0 0\nmap 0 1 1\n', 2, /'map' takes 4 argument\(s\), got 3/],
    ['too many arguments', 'init 0 1 0 0\ndump 1\n', 2, /'dump' takes 0/],
    ['negative number', 'init 0 1 0 0\nunmap -1 1\n', 2, /not a number: '-1'/],
    ['number above 2^64-1', 'init 0 1 0 0\nfind 18446744073709551616 1\n', 2, /above 2\^64-1/],
    ['junk number', 'init 0 1 0 0\nfind 0x1g 1\n', 2, /not a number/],
    ['object handle too large', 'init 0 1 0 0\nmap 0 1 65536 0\n', 2, /object handle must be 0..65535/],
    ['handle 0 for gem', 'init 0 1 0 0\ngem 0\n', 2, /object handle must be 1..65535/],
    ['handle 0 for gem_unmap', 'init 0 1 0 0\ngem_unmap 0\n', 2, /1..65535/],
    ['bad mode', 'mode fast\n', 1, /mode must be 'list' or 'cb'/],
    ['request before init', 'mode cb\ndump\n', 2, /'dump' before 'init'/],
    ['request after fini', 'init 0 1 0 0\nfini\nallocs\n', 3, /'allocs' before 'init' \(or after 'fini'\)/],
    ['fini before init', 'fini\n', 1, /'fini' before 'init'/],
  ])('reports %s with file and line', (_name, text, line, reason) => {
    const error = parseError(text);
    expect(error.line).toBe(line);
    expect(error.message).toMatch(new RegExp(`^bad\\.trace:${line}: `));
    expect(error.message).toMatch(reason);
  });
});
