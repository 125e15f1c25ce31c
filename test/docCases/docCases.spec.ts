/**
 * The 15 cases of the seed's "DOC: Split and Merge" (drm_gpuvm.c, blob b80d4e1c), and the
 * drm_gpuvm_sm_unmap() paragraph, as traces with hand-derived transcripts
 * (test/fixtures/doc-cases/). Each expected transcript was written by reading
 * __drm_gpuvm_sm_map / __drm_gpuvm_sm_unmap, not by running the port.
 *
 * Every test
 *  - runs the trace on the port in `mode list` and compares with the expected transcript;
 *  - runs it again with `mode cb` as its first line: identical apart from `> mode cb` / `OK`;
 *  - checks the documented facts with helpers on the parsed transcript: at most two REMAPs,
 *    exactly one MAP equal to the request (and last), the keep flags, the op shapes, and the
 *    final state (the diagram's `new:` line, an independent interval model, and the GEM lists).
 *
 * Units as in the fixtures: one diagram unit = 0x1000; a = obj 1, b = obj 2, c = obj 3;
 * n = 0x10000, m = 0x40000.
 *
 * Where the seed's text or diagram and its code disagree, a `// DIAGRAM vs CODE:` comment says
 * how, and the test asserts what the code does.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runRequests } from '../../src/driver/runTrace.ts';
import { parseTrace } from '../../src/trace/parse.ts';
import { transcriptText } from '../../src/backends/transcript.ts';

// ---------------------------------------------------------------------------------------------
// Units and VA constructors
// ---------------------------------------------------------------------------------------------

const U = 0x1000n;
const N = 0x10000n;
const M = 0x40000n;
const A = 1;
const B = 2;
const C = 3;

interface Va {
  readonly addr: bigint;
  readonly range: bigint;
  readonly obj: number;
  readonly offset: bigint;
}

/** A VA from diagram units: starts at unit `start`, `len` units long. */
function va(start: number, len: number, obj: number, offset: bigint): Va {
  return { addr: BigInt(start) * U, range: BigInt(len) * U, obj, offset };
}

const hex = (v: bigint): string => `0x${v.toString(16)}`;
const showVa = (v: Va | null): string => (v ? `${hex(v.addr)} ${hex(v.range)} ${v.obj} ${hex(v.offset)}` : '-');

// ---------------------------------------------------------------------------------------------
// Running fixtures
// ---------------------------------------------------------------------------------------------

const FIXTURES = new URL('../fixtures/doc-cases/', import.meta.url);

function readFixture(file: string): string {
  return readFileSync(new URL(file, FIXTURES), 'utf8');
}

function runText(text: string, file: string): string[] {
  return runRequests(parseTrace(text, file).map((p) => p.request));
}

type Op =
  | { readonly kind: 'MAP'; readonly va: Va }
  | { readonly kind: 'UNMAP'; readonly va: Va; readonly keep: boolean }
  | { readonly kind: 'REMAP'; readonly prev: Va | null; readonly next: Va | null; readonly unmap: Va; readonly keep: boolean };

interface CaseRun {
  /** The transcript lines of the `mode list` run. */
  readonly lines: readonly string[];
  /** The mappings the trace sets up before the request, in trace order. */
  readonly old: readonly Va[];
  /** The request under test: the last `map` or `unmap` of the trace. */
  readonly req: { readonly kind: 'map'; readonly va: Va } | { readonly kind: 'unmap'; readonly addr: bigint; readonly range: bigint };
  /** The ops the request printed, parsed. */
  readonly ops: readonly Op[];
  /** `dump` after the request, parsed. */
  readonly dump: readonly Va[];
  /** `gem k` after the request, parsed, for every `gem` request of the trace. */
  readonly gems: ReadonlyMap<number, readonly Va[]>;
}

const VA_RE = /^(0x[0-9a-f]+) (0x[0-9a-f]+) (\d+) (0x[0-9a-f]+)$/;

function parseVa(text: string): Va {
  const m = VA_RE.exec(text);
  if (!m) throw new Error(`not a VA: '${text}'`);
  return { addr: BigInt(m[1]!), range: BigInt(m[2]!), obj: Number(m[3]!), offset: BigInt(m[4]!) };
}

const REMAP_RE = /^REMAP prev\((.*)\) next\((.*)\) unmap\((.*) keep=([01])\)$/;
const UNMAP_RE = /^UNMAP (.*) keep=([01])$/;

function parseOp(line: string): Op {
  if (line.startsWith('MAP ')) return { kind: 'MAP', va: parseVa(line.slice(4)) };
  const u = UNMAP_RE.exec(line);
  if (u) return { kind: 'UNMAP', va: parseVa(u[1]!), keep: u[2] === '1' };
  const r = REMAP_RE.exec(line);
  if (r) {
    return {
      kind: 'REMAP',
      prev: r[1] === '-' ? null : parseVa(r[1]!),
      next: r[2] === '-' ? null : parseVa(r[2]!),
      unmap: parseVa(r[3]!),
      keep: r[4] === '1',
    };
  }
  throw new Error(`not an op line: '${line}'`);
}

/** The result lines of the `index`-th echoed request (the lines up to the next `> `). */
function resultLines(lines: readonly string[], echoIndex: number): string[] {
  const out: string[] = [];
  for (let i = echoIndex + 1; i < lines.length && !lines[i]!.startsWith('> '); i++) out.push(lines[i]!);
  return out;
}

/** Parses a `VAS n` listing and checks that exactly n `VA` lines follow. */
function parseListing(result: readonly string[]): Va[] {
  const [head, ...rest] = result;
  expect(head).toMatch(/^VAS \d+$/);
  expect(rest.length).toBe(Number(head!.slice(4)));
  return rest.map((line) => {
    expect(line.startsWith('VA ')).toBe(true);
    return parseVa(line.slice(3));
  });
}

/**
 * Runs the fixture `<name>.trace` in `mode list` and in `mode cb`, compares both with
 * `<name>.transcript`, and parses the transcript.
 */
function runCase(name: string): CaseRun {
  const trace = readFixture(`${name}.trace`);
  const expected = readFixture(`${name}.transcript`);

  // mode list (the default): byte-identical to the hand-derived transcript.
  const lines = runText(trace, `${name}.trace`);
  expect(transcriptText(lines)).toBe(expected);

  // mode cb: the same trace with `mode cb` as its first line; the same transcript apart from
  // the two extra lines.
  const cbLines = runText(`mode cb\n${trace}`, `${name}.trace (mode cb)`);
  expect(cbLines.slice(0, 2)).toEqual(['> mode cb', 'OK']);
  expect(transcriptText(cbLines.slice(2))).toBe(expected);

  // The structure of the trace: setup maps, then one request under test, then dump / gem.
  const requests = parseTrace(trace, name).map((p) => p.request);
  const changes = requests.filter((r) => r.kind === 'map' || r.kind === 'unmap');
  const last = changes.at(-1);
  if (!last) throw new Error(`${name}: no map/unmap request`);
  const old: Va[] = changes.slice(0, -1).map((r) => {
    if (r.kind !== 'map') throw new Error(`${name}: the setup must be maps`);
    const [addr, range, obj, offset] = r.args;
    return { addr, range, obj, offset };
  });
  const req: CaseRun['req'] =
    last.kind === 'map'
      ? { kind: 'map', va: { addr: last.args[0], range: last.args[1], obj: last.args[2], offset: last.args[3] } }
      : { kind: 'unmap', addr: (last.args as [bigint, bigint])[0], range: (last.args as [bigint, bigint])[1] };

  const echoes = lines.flatMap((line, i) => (line.startsWith('> ') ? [i] : []));
  const changeEchoes = echoes.filter((i) => /^> (map|unmap) /.test(lines[i]!));
  expect(changeEchoes.length).toBe(changes.length);

  // Every setup map lands in free space: a single MAP equal to itself, then OK.
  changeEchoes.slice(0, -1).forEach((echo, k) => {
    expect(resultLines(lines, echo)).toEqual([`MAP ${showVa(old[k]!)}`, 'OK']);
  });

  const reqResult = resultLines(lines, changeEchoes.at(-1)!);
  expect(reqResult.at(-1)).toBe('OK');
  const ops = reqResult.slice(0, -1).map(parseOp);

  const dumpEcho = echoes.find((i) => lines[i] === '> dump');
  if (dumpEcho === undefined) throw new Error(`${name}: no dump`);
  const dump = parseListing(resultLines(lines, dumpEcho));
  const gems = new Map<number, Va[]>();
  for (const echo of echoes) {
    const g = /^> gem (\d+)$/.exec(lines[echo]!);
    if (g) gems.set(Number(g[1]), parseListing(resultLines(lines, echo)));
  }
  return { lines, old, req, ops, dump, gems };
}

// ---------------------------------------------------------------------------------------------
// Helpers asserting the documented facts
// ---------------------------------------------------------------------------------------------

function reqVa(run: CaseRun): Va {
  if (run.req.kind !== 'map') throw new Error('not a map request');
  return run.req.va;
}

/**
 * "an arbitrary amount of unmap operations, a maximum of two remap operations and a single map
 * operation. [...] The single map operation represents the original map operation requested by
 * the caller." The MAP comes last (the code calls op_map_cb after the loop).
 */
function expectMapShape(run: CaseRun): void {
  const remaps = run.ops.filter((op) => op.kind === 'REMAP');
  const maps = run.ops.filter((op) => op.kind === 'MAP');
  expect(remaps.length).toBeLessThanOrEqual(2);
  expect(maps).toHaveLength(1);
  expect(maps[0]).toEqual({ kind: 'MAP', va: reqVa(run) });
  expect(run.ops.at(-1)?.kind).toBe('MAP');
}

/** drm_gpuvm_sm_unmap: UNMAP and REMAP only, at most two REMAPs, never a MAP. */
function expectUnmapShape(run: CaseRun): void {
  expect(run.ops.filter((op) => op.kind === 'MAP')).toHaveLength(0);
  expect(run.ops.filter((op) => op.kind === 'REMAP').length).toBeLessThanOrEqual(2);
  expect(run.ops.length).toBeGreaterThan(0);
}

function kinds(run: CaseRun): string[] {
  return run.ops.map((op) => op.kind);
}

/** The keep flags of the UNMAP / REMAP ops, in op order. */
function keepFlags(run: CaseRun): boolean[] {
  return run.ops.flatMap((op) => (op.kind === 'MAP' ? [] : [op.keep]));
}

/**
 * "'keep' [...] indicates whether the &drm_gpuva to unmap is physically contiguous with the
 * original mapping request": same (non-NULL) object, and the VA's offset at any address equals
 * the request's offset at that address.
 */
function contiguousWithRequest(old: Va, req: Va): boolean {
  return old.obj !== 0 && old.obj === req.obj && old.offset - old.addr === req.offset - req.addr;
}

/** Each keep flag of a map request is exactly "the unmapped VA is contiguous with the request". */
function expectKeepMeansContiguous(run: CaseRun): void {
  const req = reqVa(run);
  for (const op of run.ops) {
    if (op.kind === 'UNMAP') expect(op.keep).toBe(contiguousWithRequest(op.va, req));
    if (op.kind === 'REMAP') expect(op.keep).toBe(contiguousWithRequest(op.unmap, req));
  }
}

/** The VA the op removes. */
function unmapped(op: Op): Va | null {
  return op.kind === 'UNMAP' ? op.va : op.kind === 'REMAP' ? op.unmap : null;
}

/** The pieces of `v` outside [addr, addr+range), offsets moved along. */
function subtract(v: Va, addr: bigint, range: bigint): Va[] {
  const end = addr + range;
  const vEnd = v.addr + v.range;
  if (vEnd <= addr || end <= v.addr) return [v];
  const out: Va[] = [];
  if (v.addr < addr) out.push({ ...v, range: addr - v.addr });
  if (vEnd > end) out.push({ ...v, addr: end, range: vEnd - end, offset: v.offset + (end - v.addr) });
  return out;
}

const byAddr = (x: Va, y: Va): number => (x.addr < y.addr ? -1 : x.addr > y.addr ? 1 : 0);

/** An independent interval model of the state after the request. */
function modelAfter(run: CaseRun): Va[] {
  const [addr, range] = run.req.kind === 'map' ? [run.req.va.addr, run.req.va.range] : [run.req.addr, run.req.range];
  const kept = run.old.flatMap((v) => subtract(v, addr, range));
  if (run.req.kind === 'map') kept.push(run.req.va);
  return kept.sort(byAddr);
}

/**
 * The final state: the dump equals `expected` (the diagram's `new:` line, in address order) and
 * the interval model; every GEM list holds exactly that object's VAs; the ops removed exactly the
 * old VAs the request touches, and their prev/next pieces are the surviving parts.
 */
function expectFinalState(run: CaseRun, expected: readonly Va[]): void {
  expect(run.dump).toEqual(expected);
  expect(run.dump).toEqual(modelAfter(run));
  for (const [obj, list] of run.gems) {
    expect([...list].sort(byAddr)).toEqual(run.dump.filter((v) => v.obj === obj));
  }
  const [addr, range] = run.req.kind === 'map' ? [run.req.va.addr, run.req.va.range] : [run.req.addr, run.req.range];
  const touched = run.old.filter((v) => v.addr < addr + range && addr < v.addr + v.range);
  expect(run.ops.flatMap((op) => unmapped(op) ?? [])).toEqual(touched);
  for (const op of run.ops) {
    if (op.kind === 'REMAP') {
      expect([op.prev, op.next].filter((p): p is Va => p !== null)).toEqual(subtract(op.unmap, addr, range));
    }
  }
}

interface RemapExpect {
  readonly prev: Va | null;
  readonly next: Va | null;
  readonly unmap: Va;
  readonly keep: boolean;
}

function expectRemap(op: Op | undefined, want: RemapExpect): void {
  expect(op).toEqual({ kind: 'REMAP', ...want });
}

function expectUnmap(op: Op | undefined, v: Va, keep: boolean): void {
  expect(op).toEqual({ kind: 'UNMAP', va: v, keep });
}

// ---------------------------------------------------------------------------------------------
// The 15 cases of drm_gpuvm_sm_map()
// ---------------------------------------------------------------------------------------------

describe('DOC: Split and Merge, drm_gpuvm_sm_map() cases', () => {
  // 1) Requested mapping is identical. Replace it, but indicate the backing PTEs
  //    could be kept.
  //
  //      0     a     1
  // old: |-----------| (bo_offset=n)
  //
  //      0     a     1
  // req: |-----------| (bo_offset=n)
  //
  //      0     a     1
  // new: |-----------| (bo_offset=n)
  it('case 1: requested mapping is identical', () => {
    const run = runCase('01-identical');
    expectMapShape(run);
    // DIAGRAM vs CODE: the general text says "The caller might receive no callback at all if no
    // operation is required, e.g. if the requested mapping already exists in the exact same
    // way" (and drm_gpuvm_sm_map_ops_create: "it also can be empty"). The code never skips: the
    // identical mapping gives UNMAP(keep=1) + MAP, as this case's own text ("Replace it, but
    // indicate the backing PTEs could be kept") says.
    expect(run.ops).toHaveLength(2);
    expect(kinds(run)).toEqual(['UNMAP', 'MAP']);
    // Documented: "indicate the backing PTEs could be kept".
    expect(keepFlags(run)).toEqual([true]);
    expectUnmap(run.ops[0], va(0, 1, A, N), true);
    expectKeepMeansContiguous(run);
    expectFinalState(run, [va(0, 1, A, N)]);
  });

  // 2) Requested mapping is identical, except for the BO offset, hence replace
  //    the mapping.
  //
  //      0     a     1
  // old: |-----------| (bo_offset=n)
  //
  //      0     a     1
  // req: |-----------| (bo_offset=m)
  //
  //      0     a     1
  // new: |-----------| (bo_offset=m)
  it('case 2: identical except for the BO offset', () => {
    const run = runCase('02-identical-but-offset');
    expectMapShape(run);
    expect(kinds(run)).toEqual(['UNMAP', 'MAP']);
    // "hence replace the mapping": not contiguous, keep=0.
    expectUnmap(run.ops[0], va(0, 1, A, N), false);
    expectKeepMeansContiguous(run);
    expectFinalState(run, [va(0, 1, A, M)]);
  });

  // 3) Requested mapping is identical, except for the backing BO, hence replace
  //    the mapping.
  //
  //      0     a     1
  // old: |-----------| (bo_offset=n)
  //
  //      0     b     1
  // req: |-----------| (bo_offset=n)
  //
  //      0     b     1
  // new: |-----------| (bo_offset=n)
  it('case 3: identical except for the backing BO', () => {
    const run = runCase('03-identical-but-bo');
    expectMapShape(run);
    expect(kinds(run)).toEqual(['UNMAP', 'MAP']);
    expectUnmap(run.ops[0], va(0, 1, A, N), false);
    expectKeepMeansContiguous(run);
    expectFinalState(run, [va(0, 1, B, N)]);
    expect(run.gems.get(A)).toEqual([]);
  });

  // 4) Existent mapping is a left aligned subset of the requested one, hence
  //    replace the existent one.
  //
  //      0  a  1
  // old: |-----|       (bo_offset=n)
  //
  //      0     a     2
  // req: |-----------| (bo_offset=n)
  //
  //      0     a     2
  // new: |-----------| (bo_offset=n)
  //
  //    .. note::
  //       We expect to see the same result for a request with a different BO
  //       and/or non-contiguous BO offset.
  it('case 4: existent mapping is a left-aligned subset of the request', () => {
    const run = runCase('04-old-left-aligned-subset');
    expectMapShape(run);
    expect(kinds(run)).toEqual(['UNMAP', 'MAP']);
    // DIAGRAM vs CODE: the text says only "hence replace the existent one" and does not mention
    // keep; the code (addr == req_addr, end < req_end) sets keep=1 because a/n is contiguous
    // with the request a/n.
    expectUnmap(run.ops[0], va(0, 1, A, N), true);
    expectKeepMeansContiguous(run);
    expectFinalState(run, [va(0, 2, A, N)]);
  });

  // Case 4's note: "We expect to see the same result for a request with a different BO and/or
  // non-contiguous BO offset."
  it('case 4 with a different BO: same ops and shape, but keep=0', () => {
    const run = runCase('04b-old-left-aligned-subset-other-bo');
    expectMapShape(run);
    expect(kinds(run)).toEqual(['UNMAP', 'MAP']);
    // DIAGRAM vs CODE: "the same result" holds for the op kinds and the final layout, not for
    // the keep flag: keep=0 here where case 4 has keep=1.
    expectUnmap(run.ops[0], va(0, 1, A, N), false);
    expectKeepMeansContiguous(run);
    expectFinalState(run, [va(0, 2, B, N)]);
  });

  it('case 4 with a non-contiguous BO offset: same ops and shape, but keep=0', () => {
    const run = runCase('04c-old-left-aligned-subset-other-offset');
    expectMapShape(run);
    expect(kinds(run)).toEqual(['UNMAP', 'MAP']);
    // DIAGRAM vs CODE: as for the different BO, keep=0 where case 4 has keep=1.
    expectUnmap(run.ops[0], va(0, 1, A, N), false);
    expectKeepMeansContiguous(run);
    expectFinalState(run, [va(0, 2, A, M)]);
  });

  // 5) Requested mapping's range is a left aligned subset of the existent one,
  //    but backed by a different BO. Hence, map the requested mapping and split
  //    the existent one adjusting its BO offset.
  //
  //      0     a     2
  // old: |-----------| (bo_offset=n)
  //
  //      0  b  1
  // req: |-----|       (bo_offset=n)
  //
  //      0  b  1  a' 2
  // new: |-----|-----| (b.bo_offset=n, a.bo_offset=n+1)
  //
  //    .. note::
  //       We expect to see the same result for a request with a different BO
  //       and/or non-contiguous BO offset.
  it('case 5: requested range is a left-aligned subset, different BO', () => {
    const run = runCase('05-req-left-aligned-subset-other-bo');
    expectMapShape(run);
    expect(kinds(run)).toEqual(['REMAP', 'MAP']);
    // "split the existent one adjusting its BO offset": next = a' at [1,2), offset n+1.
    // DIAGRAM vs CODE: the picture labels the right piece a' but the offset list calls it
    // "a.bo_offset=n+1"; it is the piece the code creates as remap.next (offset + req_range).
    expectRemap(run.ops[0], { prev: null, next: va(1, 1, A, N + U), unmap: va(0, 2, A, N), keep: false });
    expectKeepMeansContiguous(run);
    expectFinalState(run, [va(0, 1, B, N), va(1, 1, A, N + U)]);
  });

  // Case 5's note: "We expect to see the same result for a request with a different BO and/or
  // non-contiguous BO offset." The request of case 5 already has a different BO than the old
  // mapping, so keep is 0 either way; these variants check the note literally.
  it('case 5 with yet another BO: same result, keep stays 0', () => {
    const run = runCase('05b-req-left-aligned-subset-third-bo');
    expectMapShape(run);
    expect(kinds(run)).toEqual(['REMAP', 'MAP']);
    expectRemap(run.ops[0], { prev: null, next: va(1, 1, A, N + U), unmap: va(0, 2, A, N), keep: false });
    expectKeepMeansContiguous(run);
    expectFinalState(run, [va(0, 1, C, N), va(1, 1, A, N + U)]);
  });

  it('case 5 with the old BO at a non-contiguous offset: same result, keep stays 0', () => {
    const run = runCase('05c-req-left-aligned-subset-same-bo-other-offset');
    expectMapShape(run);
    expect(kinds(run)).toEqual(['REMAP', 'MAP']);
    // Only the same BO *and* a contiguous offset would flip keep to 1 (that is case 6).
    expectRemap(run.ops[0], { prev: null, next: va(1, 1, A, N + U), unmap: va(0, 2, A, N), keep: false });
    expectKeepMeansContiguous(run);
    expectFinalState(run, [va(0, 1, A, M), va(1, 1, A, N + U)]);
  });

  // 6) Existent mapping is a superset of the requested mapping. Split it up, but
  //    indicate that the backing PTEs could be kept.
  //
  //      0     a     2
  // old: |-----------| (bo_offset=n)
  //
  //      0  a  1
  // req: |-----|       (bo_offset=n)
  //
  //      0  a  1  a' 2
  // new: |-----|-----| (a.bo_offset=n, a'.bo_offset=n+1)
  it('case 6: requested range is a left-aligned subset, same BO and offset', () => {
    const run = runCase('06-req-left-aligned-subset-same-bo');
    expectMapShape(run);
    expect(kinds(run)).toEqual(['REMAP', 'MAP']);
    // Documented: "Split it up, but indicate that the backing PTEs could be kept."
    expect(keepFlags(run)).toEqual([true]);
    expectRemap(run.ops[0], { prev: null, next: va(1, 1, A, N + U), unmap: va(0, 2, A, N), keep: true });
    expectKeepMeansContiguous(run);
    expectFinalState(run, [va(0, 1, A, N), va(1, 1, A, N + U)]);
  });

  // 7) Requested mapping's range is a right aligned subset of the existent one,
  //    but backed by a different BO. Hence, map the requested mapping and split
  //    the existent one, without adjusting the BO offset.
  //
  //      0     a     2
  // old: |-----------| (bo_offset=n)
  //
  //            1  b  2
  // req:       |-----| (bo_offset=m)
  //
  //      0  a  1  b  2
  // new: |-----|-----| (a.bo_offset=n,b.bo_offset=m)
  it('case 7: requested range is a right-aligned subset, different BO', () => {
    const run = runCase('07-req-right-aligned-subset-other-bo');
    expectMapShape(run);
    expect(kinds(run)).toEqual(['REMAP', 'MAP']);
    // "without adjusting the BO offset": prev keeps offset n.
    expectRemap(run.ops[0], { prev: va(0, 1, A, N), next: null, unmap: va(0, 2, A, N), keep: false });
    expectKeepMeansContiguous(run);
    expectFinalState(run, [va(0, 1, A, N), va(1, 1, B, M)]);
  });

  // 8) Existent mapping is a superset of the requested mapping. Split it up, but
  //    indicate that the backing PTEs could be kept.
  //
  //       0     a     2
  // old: |-----------| (bo_offset=n)
  //
  //            1  a  2
  // req:       |-----| (bo_offset=n+1)
  //
  //      0  a' 1  a  2
  // new: |-----|-----| (a'.bo_offset=n, a.bo_offset=n+1)
  it('case 8: requested range is a right-aligned subset, same BO, contiguous offset', () => {
    const run = runCase('08-req-right-aligned-subset-same-bo');
    expectMapShape(run);
    expect(kinds(run)).toEqual(['REMAP', 'MAP']);
    // DIAGRAM vs CODE: the `old:` column header is shifted one column right ("      0" over
    // "old: |"), a drawing slip only: the old mapping starts at 0 in the code's view too.
    // Documented: "Split it up, but indicate that the backing PTEs could be kept."
    expect(keepFlags(run)).toEqual([true]);
    expectRemap(run.ops[0], { prev: va(0, 1, A, N), next: null, unmap: va(0, 2, A, N), keep: true });
    expectKeepMeansContiguous(run);
    expectFinalState(run, [va(0, 1, A, N), va(1, 1, A, N + U)]);
  });

  // 9) Existent mapping is overlapped at the end by the requested mapping backed
  //    by a different BO. Hence, map the requested mapping and split up the
  //    existent one, without adjusting the BO offset.
  //
  //      0     a     2
  // old: |-----------|       (bo_offset=n)
  //
  //            1     b     3
  // req:       |-----------| (bo_offset=m)
  //
  //      0  a  1     b     3
  // new: |-----|-----------| (a.bo_offset=n,b.bo_offset=m)
  it('case 9: request overlaps the end of the existent mapping, different BO', () => {
    const run = runCase('09-req-overlaps-end-other-bo');
    expectMapShape(run);
    expect(kinds(run)).toEqual(['REMAP', 'MAP']);
    expectRemap(run.ops[0], { prev: va(0, 1, A, N), next: null, unmap: va(0, 2, A, N), keep: false });
    expectKeepMeansContiguous(run);
    expectFinalState(run, [va(0, 1, A, N), va(1, 2, B, M)]);
  });

  // 10) Existent mapping is overlapped by the requested mapping, both having the
  //     same backing BO with a contiguous offset. Indicate the backing PTEs of
  //     the old mapping could be kept.
  //
  //       0     a     2
  //  old: |-----------|       (bo_offset=n)
  //
  //             1     a     3
  //  req:       |-----------| (bo_offset=n+1)
  //
  //       0  a' 1     a     3
  //  new: |-----|-----------| (a'.bo_offset=n, a.bo_offset=n+1)
  it('case 10: request overlaps the end of the existent mapping, same BO, contiguous offset', () => {
    const run = runCase('10-req-overlaps-end-same-bo');
    expectMapShape(run);
    expect(kinds(run)).toEqual(['REMAP', 'MAP']);
    // Documented: "Indicate the backing PTEs of the old mapping could be kept."
    expect(keepFlags(run)).toEqual([true]);
    expectRemap(run.ops[0], { prev: va(0, 1, A, N), next: null, unmap: va(0, 2, A, N), keep: true });
    expectKeepMeansContiguous(run);
    expectFinalState(run, [va(0, 1, A, N), va(1, 2, A, N + U)]);
  });

  // 11) Requested mapping's range is a centered subset of the existent one
  //     having a different backing BO. Hence, map the requested mapping and split
  //     up the existent one in two mappings, adjusting the BO offset of the right
  //     one accordingly.
  //
  //       0        a        3
  //  old: |-----------------| (bo_offset=n)
  //
  //             1  b  2
  //  req:       |-----|       (bo_offset=m)
  //
  //       0  a  1  b  2  a' 3
  //  new: |-----|-----|-----| (a.bo_offset=n,b.bo_offset=m,a'.bo_offset=n+2)
  it('case 11: requested range is a centered subset, different BO', () => {
    const run = runCase('11-req-centered-subset-other-bo');
    expectMapShape(run);
    expect(kinds(run)).toEqual(['REMAP', 'MAP']);
    // "adjusting the BO offset of the right one accordingly": a' at [2,3), offset n+2.
    expectRemap(run.ops[0], { prev: va(0, 1, A, N), next: va(2, 1, A, N + 2n * U), unmap: va(0, 3, A, N), keep: false });
    expectKeepMeansContiguous(run);
    expectFinalState(run, [va(0, 1, A, N), va(1, 1, B, M), va(2, 1, A, N + 2n * U)]);
  });

  // 12) Requested mapping is a contiguous subset of the existent one. Split it
  //     up, but indicate that the backing PTEs could be kept.
  //
  //       0        a        3
  //  old: |-----------------| (bo_offset=n)
  //
  //             1  a  2
  //  req:       |-----|       (bo_offset=n+1)
  //
  //       0  a' 1  a  2 a'' 3
  //  old: |-----|-----|-----| (a'.bo_offset=n, a.bo_offset=n+1, a''.bo_offset=n+2)
  it('case 12: requested range is a centered subset, same BO, contiguous offset', () => {
    const run = runCase('12-req-centered-subset-same-bo');
    expectMapShape(run);
    expect(kinds(run)).toEqual(['REMAP', 'MAP']);
    // DIAGRAM vs CODE: the result line is labelled "old:" where "new:" is meant (the resulting
    // state a' | a | a'' is what the code produces, asserted below).
    // Documented: "Split it up, but indicate that the backing PTEs could be kept."
    expect(keepFlags(run)).toEqual([true]);
    expectRemap(run.ops[0], { prev: va(0, 1, A, N), next: va(2, 1, A, N + 2n * U), unmap: va(0, 3, A, N), keep: true });
    expectKeepMeansContiguous(run);
    expectFinalState(run, [va(0, 1, A, N), va(1, 1, A, N + U), va(2, 1, A, N + 2n * U)]);
  });

  // 13) Existent mapping is a right aligned subset of the requested one, hence
  //     replace the existent one.
  //
  //             1  a  2
  //  old:       |-----| (bo_offset=n+1)
  //
  //       0     a     2
  //  req: |-----------| (bo_offset=n)
  //
  //       0     a     2
  //  new: |-----------| (bo_offset=n)
  //
  //     .. note::
  //        We expect to see the same result for a request with a different bo
  //        and/or non-contiguous bo_offset.
  it('case 13: existent mapping is a right-aligned subset of the request', () => {
    const run = runCase('13-old-right-aligned-subset');
    expectMapShape(run);
    expect(kinds(run)).toEqual(['UNMAP', 'MAP']);
    // DIAGRAM vs CODE: the text says only "hence replace the existent one"; the code
    // (addr > req_addr, offset == req_offset + (addr - req_addr)) sets keep=1: a/n+1 at 1 is
    // contiguous with the request a/n at 0.
    expectUnmap(run.ops[0], va(1, 1, A, N + U), true);
    expectKeepMeansContiguous(run);
    expectFinalState(run, [va(0, 2, A, N)]);
  });

  // Case 13's note: "We expect to see the same result for a request with a different bo and/or
  // non-contiguous bo_offset."
  it('case 13 with a different BO: same ops and shape, but keep=0', () => {
    const run = runCase('13b-old-right-aligned-subset-other-bo');
    expectMapShape(run);
    expect(kinds(run)).toEqual(['UNMAP', 'MAP']);
    // DIAGRAM vs CODE: not quite "the same result": keep=0 here where case 13 has keep=1.
    expectUnmap(run.ops[0], va(1, 1, A, N + U), false);
    expectKeepMeansContiguous(run);
    expectFinalState(run, [va(0, 2, B, N)]);
  });

  it('case 13 with a non-contiguous BO offset: same ops and shape, but keep=0', () => {
    const run = runCase('13c-old-right-aligned-subset-other-offset');
    expectMapShape(run);
    expect(kinds(run)).toEqual(['UNMAP', 'MAP']);
    // DIAGRAM vs CODE: keep=0 here where case 13 has keep=1.
    expectUnmap(run.ops[0], va(1, 1, A, N + U), false);
    expectKeepMeansContiguous(run);
    expectFinalState(run, [va(0, 2, A, M)]);
  });

  // 14) Existent mapping is a centered subset of the requested one, hence
  //     replace the existent one.
  //
  //             1  a  2
  //  old:       |-----| (bo_offset=n+1)
  //
  //       0        a       3
  //  req: |----------------| (bo_offset=n)
  //
  //       0        a       3
  //  new: |----------------| (bo_offset=n)
  //
  //     .. note::
  //        We expect to see the same result for a request with a different bo
  //        and/or non-contiguous bo_offset.
  it('case 14: existent mapping is a centered subset of the request', () => {
    const run = runCase('14-old-centered-subset');
    expectMapShape(run);
    expect(kinds(run)).toEqual(['UNMAP', 'MAP']);
    // DIAGRAM vs CODE: the text says only "hence replace the existent one"; the code
    // (addr > req_addr, end < req_end) sets keep=1: a/n+1 at 1 is contiguous with a/n at 0.
    // Also a drawing slip: the req/new bars are one column short ("|----------------|", 16
    // dashes, where three units are 17 as in cases 11/12), so "3" sits one column left.
    expectUnmap(run.ops[0], va(1, 1, A, N + U), true);
    expectKeepMeansContiguous(run);
    expectFinalState(run, [va(0, 3, A, N)]);
  });

  // Case 14's note: "We expect to see the same result for a request with a different bo and/or
  // non-contiguous bo_offset."
  it('case 14 with a different BO: same ops and shape, but keep=0', () => {
    const run = runCase('14b-old-centered-subset-other-bo');
    expectMapShape(run);
    expect(kinds(run)).toEqual(['UNMAP', 'MAP']);
    // DIAGRAM vs CODE: keep=0 here where case 14 has keep=1.
    expectUnmap(run.ops[0], va(1, 1, A, N + U), false);
    expectKeepMeansContiguous(run);
    expectFinalState(run, [va(0, 3, B, N)]);
  });

  it('case 14 with a non-contiguous BO offset: same ops and shape, but keep=0', () => {
    const run = runCase('14c-old-centered-subset-other-offset');
    expectMapShape(run);
    expect(kinds(run)).toEqual(['UNMAP', 'MAP']);
    // DIAGRAM vs CODE: keep=0 here where case 14 has keep=1.
    expectUnmap(run.ops[0], va(1, 1, A, N + U), false);
    expectKeepMeansContiguous(run);
    expectFinalState(run, [va(0, 3, A, M)]);
  });

  // 15) Existent mappings is overlapped at the beginning by the requested mapping
  //     backed by a different BO. Hence, map the requested mapping and split up
  //     the existent one, adjusting its BO offset accordingly.
  //
  //             1     a     3
  //  old:       |-----------| (bo_offset=n)
  //
  //       0     b     2
  //  req: |-----------|       (bo_offset=m)
  //
  //       0     b     2  a' 3
  //  new: |-----------|-----| (b.bo_offset=m,a.bo_offset=n+2)
  // /
  it('case 15: request overlaps the beginning of the existent mapping, different BO', () => {
    const run = runCase('15-req-overlaps-start-other-bo');
    expectMapShape(run);
    expect(kinds(run)).toEqual(['REMAP', 'MAP']);
    // DIAGRAM vs CODE: the diagram gives the remaining piece "a.bo_offset=n+2". The old
    // mapping starts at 1 with offset n, so its part at 2 is at n+1, and the code computes
    // offset + req_end - addr = n + (2 - 1) = n+1. The code is right, the diagram's n+2 is
    // wrong (it counts from 0, not from the old mapping's start). The piece is also drawn as a'
    // but named "a" in the offset list.
    expectRemap(run.ops[0], { prev: null, next: va(2, 1, A, N + U), unmap: va(1, 2, A, N), keep: false });
    expect(run.dump[1]?.offset).not.toBe(N + 2n * U);
    expectKeepMeansContiguous(run);
    expectFinalState(run, [va(0, 2, B, M), va(2, 1, A, N + U)]);
  });
});

describe('DOC: Split and Merge, the general claims of drm_gpuvm_sm_map()', () => {
  // "Depending on how the new GPU VA mapping intersects with the existent mappings of the GPU VA
  // space the &drm_gpuvm_ops callbacks contain an arbitrary amount of unmap operations, a
  // maximum of two remap operations and a single map operation."
  //
  //      0     a     2  b  3  a  4     b     6
  // old: |-----------|-----|-----|-----------| (n, m, n+3, 0x50000)
  //
  //            1           a           5
  // req:       |-----------------------|       (bo_offset=n+1)
  //
  //      0  a  1           a           5 b' 6
  // new: |-----|-----------------------|-----| (n, n+1, 0x51000)
  it('a request over four mappings: REMAP, UNMAPs, REMAP, then the one MAP', () => {
    const run = runCase('general-map-many');
    expectMapShape(run);
    expect(kinds(run)).toEqual(['REMAP', 'UNMAP', 'UNMAP', 'REMAP', 'MAP']);
    // keep per VA: a/n (contiguous: n + 1 unit == n+1) 1, b 0, a/n+3 at 3 (contiguous) 1, b 0.
    expect(keepFlags(run)).toEqual([true, false, true, false]);
    expectKeepMeansContiguous(run);
    expectRemap(run.ops[3], { prev: null, next: va(5, 1, B, 0x51000n), unmap: va(4, 2, B, 0x50000n), keep: false });
    expectFinalState(run, [va(0, 1, A, N), va(1, 4, A, N + U), va(5, 1, B, 0x51000n)]);
  });
});

// ---------------------------------------------------------------------------------------------
// drm_gpuvm_sm_unmap()
// ---------------------------------------------------------------------------------------------

describe('DOC: Split and Merge, drm_gpuvm_sm_unmap()', () => {
  // "For all existent mappings enclosed by the given range unmap operations are created. For
  // mappings which are only partically located within the given range, remap operations are
  // created such that those mappings are split up and re-mapped partically."
  //
  // The paragraph says nothing about keep; the code never sets it on unmap (op_unmap_cb(...,
  // false) and a zero-initialised drm_gpuva_op_unmap for REMAP), so every keep below is 0.

  //            1  a  2  b  3
  // old:       |-----|-----|    (a.bo_offset=n, b.bo_offset=m)
  //      0              3
  // req: |--------------|       (unmap)
  it('unmap: mappings enclosed by the range get UNMAP', () => {
    const run = runCase('unmap-01-enclosed');
    expectUnmapShape(run);
    expect(kinds(run)).toEqual(['UNMAP', 'UNMAP']);
    expectUnmap(run.ops[0], va(1, 1, A, N), false);
    expectUnmap(run.ops[1], va(2, 1, B, M), false);
    expectFinalState(run, []);
  });

  //      0     a     2
  // old: |-----------| (bo_offset=n)
  //      0           2
  // req: |-----------| (unmap)
  it('unmap: a range equal to one mapping gets UNMAP', () => {
    const run = runCase('unmap-02-exact');
    expectUnmapShape(run);
    expectUnmap(run.ops[0], va(0, 2, A, N), false);
    expect(run.ops).toHaveLength(1);
    expectFinalState(run, []);
  });

  //      0     a     2
  // old: |-----------|       (bo_offset=n)
  //            1           3
  // req:       |-----------| (unmap)
  //      0  a  1
  // new: |-----|             (bo_offset=n)
  it('unmap: a mapping sticking out on the left of the range gets REMAP with prev only', () => {
    const run = runCase('unmap-03-overlaps-end-of-va');
    expectUnmapShape(run);
    expect(kinds(run)).toEqual(['REMAP']);
    expectRemap(run.ops[0], { prev: va(0, 1, A, N), next: null, unmap: va(0, 2, A, N), keep: false });
    expectFinalState(run, [va(0, 1, A, N)]);
  });

  //            1     a     3
  // old:       |-----------| (bo_offset=n)
  //      0           2
  // req: |-----------|       (unmap)
  //                  2  a' 3
  // new:             |-----| (a'.bo_offset=n+1)
  it('unmap: a mapping sticking out on the right of the range gets REMAP with next only', () => {
    const run = runCase('unmap-04-overlaps-start-of-va');
    expectUnmapShape(run);
    expect(kinds(run)).toEqual(['REMAP']);
    // next.offset = offset + (req_end - addr) = n + (2 - 1) = n+1.
    expectRemap(run.ops[0], { prev: null, next: va(2, 1, A, N + U), unmap: va(1, 2, A, N), keep: false });
    expectFinalState(run, [va(2, 1, A, N + U)]);
  });

  //      0        a        3
  // old: |-----------------| (bo_offset=n)
  //            1     2
  // req:       |-----|       (unmap)
  //      0  a  1     2  a' 3
  // new: |-----|     |-----| (a.bo_offset=n, a'.bo_offset=n+2)
  it('unmap: a range strictly inside one mapping gets one REMAP with prev and next', () => {
    const run = runCase('unmap-05-strictly-inside-va');
    expectUnmapShape(run);
    expect(kinds(run)).toEqual(['REMAP']);
    expectRemap(run.ops[0], { prev: va(0, 1, A, N), next: va(2, 1, A, N + 2n * U), unmap: va(0, 3, A, N), keep: false });
    expectFinalState(run, [va(0, 1, A, N), va(2, 1, A, N + 2n * U)]);
  });

  //      0     a     2  b  3     a     5
  // old: |-----------|-----|-----------| (a.bo_offset=n, b.bo_offset=m, second a at n+0x10000)
  //            1                 4
  // req:       |-----------------|       (unmap)
  //      0  a  1                 4  a' 5
  // new: |-----|                 |-----| (a.bo_offset=n, a'.bo_offset=n+0x11000)
  it('unmap: all three shapes in one range, in address order, at most two REMAPs', () => {
    const run = runCase('unmap-06-mixed');
    expectUnmapShape(run);
    expect(kinds(run)).toEqual(['REMAP', 'UNMAP', 'REMAP']);
    expectRemap(run.ops[0], { prev: va(0, 1, A, N), next: null, unmap: va(0, 2, A, N), keep: false });
    expectUnmap(run.ops[1], va(2, 1, B, M), false);
    expectRemap(run.ops[2], { prev: null, next: va(4, 1, A, 0x21000n), unmap: va(3, 2, A, 0x20000n), keep: false });
    expect(keepFlags(run).every((k) => !k)).toBe(true);
    expectFinalState(run, [va(0, 1, A, N), va(4, 1, A, 0x21000n)]);
  });
});
