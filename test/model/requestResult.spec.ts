/**
 * The checked loop reads the model's result as a structure instead of parsing the model's lines
 * back; that is only sound if the two always agree.
 */
import { describe, expect, it } from 'vitest';
import { ModelDriver, ModelNotApplicable, requestResultOf } from '../../model/modelDriver.ts';
import { assertProperty } from '../../properties/assertProperty.ts';

import { parseRequestResult } from '../../properties/opLines.ts';
import { concreteRequests, sequences } from '../../properties/sequences.ts';
import { propertySettings } from '../../properties/settings.ts';
import { walkRequests } from '../../fuzz/engines/walk.ts';
import type { Request } from '../../src/trace/request.ts';

/** Runs `requests` on a fresh model and compares, for each, the structure with its parsed lines. */
function expectStructureMatchesLines(requests: Iterable<Request>): number {
  const model = new ModelDriver();
  let compared = 0;
  for (const req of requests) {
    let result;
    let from: number;
    try {
      from = model.lines.length;
      result = model.execute(req);
    } catch (error) {
      if (error instanceof ModelNotApplicable) break;
      throw error;
    }
    const [echo, ...lines] = model.lines.slice(from);
    expect(echo?.startsWith('> ')).toBe(true);
    expect(requestResultOf(result)).toStrictEqual(parseRequestResult(lines));
    compared++;
  }
  return compared;
}

describe('requestResultOf', () => {
  it('equals parseRequestResult of the lines the model prints, on generated sequences', () => {
    assertProperty('model-result-structure', sequences(), (s) => void expectStructureMatchesLines(concreteRequests(s)), propertySettings(300), concreteRequests);
  });

  it('equals parseRequestResult on a long walk (dumps, GEM lists, every lookup)', () => {
    expect(expectStructureMatchesLines(walkRequests(7, { requests: 5000 }))).toBe(5000);
  });
});
