/**
 * The finding store survives a kill at any point of a write: a temporary directory is dropped,
 * a replacement interrupted between its two renames is undone, and a finding is improved in
 * place (same signature) or moved (a known one that names fewer registered findings, a difference
 * the contract decided once minimized).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FailureCheck } from '../../fuzz/failureCheck.ts';
import { FindingStore } from '../../fuzz/store.ts';
import type { JobFailure } from '../../fuzz/types.ts';

const check: FailureCheck = { kind: 'invariant', invariant: 'validity', fixes: 'none' };
const detected: JobFailure = {
  class: 'invariant',
  what: 'validity',
  detail: 'validity: status 0, contract says -22',
  trace: 'init 0x0 0x1000 0x0 0x0\nmap 0x0 0x0 1 0x0\nmap 0x0 0x0 1 0x0\n',
  signature: 'invariant-validity-map-gpuvm-004',
  known: 'GPUVM-004',
  job: 3,
  check,
  files: {},
};
const outcome = { signature: detected.signature, known: 'GPUVM-004', trace: 'init 0x0 0x1000 0x0 0x0\nmap 0x0 0x0 1 0x0\n', detail: 'validity: minimal', files: { 'ts.transcript': 'x\n' }, complete: true, tests: 4 };

describe('FindingStore', () => {
  it('stores a detected failure at once, partial, with its check; improves it in place', () => {
    const store = new FindingStore(mkdtempSync(join(tmpdir(), 'gpuvm-store-')));
    const raw = store.saveDetected(detected)!;
    expect(raw).toMatchObject({ partial: true, requests: 3, firstSeenJob: 3 });
    expect(store.saveDetected({ ...detected, job: 1 })).toBeNull();
    expect(store.unfinished()).toEqual([{ finding: raw, check, trace: expect.stringContaining('map 0x0 0x0 1 0x0') }]);
    const improved = store.improve(raw, check, outcome)!;
    expect(improved).toMatchObject({ partial: false, requests: 2, detail: 'validity: minimal', firstSeenAt: raw.firstSeenAt });
    expect(store.load()).toEqual([improved]);
    expect(store.unfinished()).toEqual([]);
    expect(readFileSync(join(store.dir, detected.signature, 'repro.trace'), 'utf8')).toBe(`# invariant validity: validity: minimal\n${outcome.trace}`);
  });

  it('after a kill between the two renames of a replacement, load puts the old finding back', () => {
    const store = new FindingStore(mkdtempSync(join(tmpdir(), 'gpuvm-store-')));
    store.saveDetected(detected);
    renameSync(join(store.dir, detected.signature), join(store.dir, `.old-${detected.signature}`));
    mkdirSync(join(store.dir, `.tmp-${detected.signature}-123`));
    expect(store.load().map((f) => f.signature)).toEqual([detected.signature]);
    expect(readdirSync(store.dir)).toEqual([detected.signature]);
  });

  it('a minimal trace with another signature moves the finding, unless that one is stored', () => {
    const store = new FindingStore(mkdtempSync(join(tmpdir(), 'gpuvm-store-')));
    const raw = store.saveDetected({ ...detected, signature: 'invariant-validity-map-gpuvm-004+gpuvm-006', known: 'GPUVM-004+GPUVM-006' })!;
    const moved = store.improve(raw, check, outcome)!;
    expect(moved.signature).toBe(detected.signature);
    expect(existsSync(join(store.dir, raw.signature))).toBe(false);
    const again = store.saveDetected({ ...detected, signature: 'invariant-validity-map-gpuvm-004+gpuvm-007', known: 'GPUVM-004+GPUVM-007' })!;
    expect(store.improve(again, check, outcome)).toBeNull();
    expect(store.load().map((f) => f.signature)).toEqual([detected.signature]);
  });

  it('a divergence the contract decided once minimized is stored as that invariant on c, with its check', () => {
    const store = new FindingStore(mkdtempSync(join(tmpdir(), 'gpuvm-store-')));
    const cCheck: FailureCheck = { kind: 'c', class: 'divergence', what: 'REMAP', avoidKnown: false };
    const raw = store.saveDetected({ ...detected, class: 'divergence', what: 'REMAP', signature: 'divergence-remap-map-new', known: null, check: cCheck })!;
    const judged: FailureCheck = { kind: 'c-invariant', invariant: 'remap-parts', avoidKnown: true };
    const moved = store.improve(raw, cCheck, { ...outcome, signature: 'invariant-c-remap-parts-map-new', known: null, check: judged })!;
    expect(moved).toMatchObject({ signature: 'invariant-c-remap-parts-map-new', class: 'invariant', what: 'remap-parts', backend: 'c', known: null });
    expect(JSON.parse(readFileSync(join(store.dir, moved.signature, 'check.json'), 'utf8'))).toEqual(judged);
    expect(store.load().map((f) => f.signature)).toEqual([moved.signature]);
  });
});
