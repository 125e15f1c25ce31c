/**
 * The property suite: generated request sequences checked against the naive model.
 *
 * The corrected port (every registered finding's fix selected) must satisfy every invariant; the
 * faithful port must equal the C code (test/properties/differential.spec.ts). Together they make a
 * new contract violation of the seed fail CI: either the corrected port shows it, or the faithful
 * port stops matching C.
 */
import { describe, expect, it } from 'vitest';
import { assertProperty } from '../../properties/assertProperty.ts';
import { ALL_OP_SHAPES, docCases, opShape } from '../../properties/classify.ts';
import { FaultInjectionFailure, runWithFaultInjection } from '../../properties/faultInjection.ts';
import { FINDINGS } from '../../properties/findings/registry.ts';
import { runChecked } from '../../properties/harness.ts';
import { concreteRequests, plan, sequences } from '../../properties/sequences.ts';
import { propertyEras, propertySettings } from '../../properties/settings.ts';
import { hasFeature, SEED_ERA } from '../../src/era/era.ts';
import type { Request } from '../../src/trace/request.ts';
import { request } from '../../src/trace/request.ts';
import { initRequest } from '../../properties/generators/vaSpace.ts';

const ALL_FIXES = new Set(FINDINGS.map((f) => f.id));

describe('contract properties', () => {
  it('the corrected port satisfies every invariant on generated sequences', () => {
    assertProperty('corrected-port-invariants', sequences(), (s) => void runChecked(plan(s), { fixes: ALL_FIXES }), propertySettings(1500));
  });

  // The seed's era runs above; every other era of PROPERTY_ERAS (by default the newest) here.
  for (const era of propertyEras().filter((e) => e !== SEED_ERA)) {
    it(`the corrected port of era ${era.label} satisfies every invariant on generated sequences`, () => {
      let madvised = 0;
      assertProperty(
        `corrected-port-invariants-${era.label}`,
        sequences(30, false, era),
        (s) =>
          void runChecked(plan(s), {
            fixes: ALL_FIXES,
            era,
            observe: (req, result) => void (madvised += req.kind === 'madvise' && result.ops.length > 0 ? 1 : 0),
          }),
        propertySettings(600),
      );
      if (hasFeature(era, 'madvise')) expect(madvised, 'madvise requests that split something').toBeGreaterThan(20);
    });

    it(`a request failing at any allocation index emits nothing, changes nothing, leaks nothing (corrected port of era ${era.label})`, () => {
      let injected = 0;
      assertProperty(
        `fault-injection-${era.label}`,
        sequences(20, false, era),
        (s) => void (injected += runWithFaultInjection(concreteRequests(s).filter((r) => r.kind !== 'mode'), { fixes: ALL_FIXES, era })),
        propertySettings(200),
        (s) => [initRequest(s.space)],
      );
      expect(injected).toBeGreaterThan(100);
    });
  }

  it('the faithful port violates the contract (registered findings), so the model is not vacuous', () => {
    expect(() =>
      assertProperty('faithful-port-invariants', sequences(), (s) => void runChecked(plan(s)), propertySettings(300)),
    ).toThrow(/property 'faithful-port-invariants' failed/);
  });

  it('a request failing at any allocation index emits nothing, changes nothing, leaks nothing (corrected port)', () => {
    let injected = 0;
    assertProperty(
      'fault-injection',
      sequences(20),
      (s) => {
        // Only `mode list` allocates: drop the sequence's own mode line.
        const requests: Request[] = concreteRequests(s).filter((r) => r.kind !== 'mode');
        injected += runWithFaultInjection(requests, { fixes: ALL_FIXES });
      },
      propertySettings(300),
      (s) => [initRequest(s.space)],
    );
    expect(injected).toBeGreaterThan(100);
  });

  it('the faithful port leaks under fault injection (GPUVM-001 is still there)', () => {
    const requests = [request('init', 0n, 0x10000n, 0n, 0n), request('map', 0n, 0x3000n, 1, 0n), request('map', 0n, 0x1000n, 2, 0n)];
    expect(() => runWithFaultInjection(requests)).toThrow(FaultInjectionFailure);
    expect(() => runWithFaultInjection(requests)).toThrow(/no-leak: allocation 4 failed and 1 allocation\(s\) leaked/);
  });

  it('the generators reach all 15 documented split/merge cases and every op shape', () => {
    const cases = new Map<number, number>();
    const shapes = new Map<string, number>();
    const kinds = new Map<string, number>();
    const count = <K>(m: Map<K, number>, k: K): void => void m.set(k, (m.get(k) ?? 0) + 1);
    assertProperty(
      'distribution',
      sequences(),
      (s) =>
        void runChecked(plan(s), {
          fixes: ALL_FIXES,
          observe: (req, result) => {
            count(kinds, req.kind);
            for (const c of docCases(req, result.ops)) count(cases, c);
            for (const op of result.ops) count(shapes, opShape(op));
          },
        }),
      propertySettings(400),
    );
    console.log(
      'distribution (fixed seed):\n' +
        `  doc cases: ${[...cases].sort((a, b) => a[0] - b[0]).map(([c, n]) => `${c}:${n}`).join(' ')}\n` +
        `  op shapes: ${[...shapes].map(([s, n]) => `${s}:${n}`).join(', ')}\n` +
        `  requests:  ${[...kinds].map(([k, n]) => `${k}:${n}`).join(' ')}`,
    );
    for (let c = 1; c <= 15; c++) expect(cases.get(c) ?? 0, `doc case ${c}`).toBeGreaterThan(0);
    for (const shape of ALL_OP_SHAPES) expect(shapes.get(shape) ?? 0, shape).toBeGreaterThan(0);
  });
});
