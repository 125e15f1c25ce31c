import { describe, expect, it } from 'vitest';
import { parseRequestResult, sameResultLines } from '../../properties/opLines.ts';

const MODEL = ['UNMAP 0x0 0x10 1 0x0 keep=1', 'MAP 0x0 0x10 1 0x0', 'OK'];

describe('sameResultLines', () => {
  it('sets WARN lines aside wherever they are', () => {
    const port = ['WARN zero', MODEL[0]!, 'WARN one', MODEL[1]!, 'WARN two', MODEL[2]!, 'WARN three'];
    expect(sameResultLines(port, MODEL)).toBe(true);
  });

  it('is false for a changed, missing or extra line', () => {
    expect(sameResultLines(['UNMAP 0x0 0x10 1 0x0 keep=0', MODEL[1]!, MODEL[2]!], MODEL)).toBe(false);
    expect(sameResultLines(MODEL.slice(0, 2), MODEL)).toBe(false);
    expect(sameResultLines([...MODEL, 'OK'], MODEL)).toBe(false);
    expect(sameResultLines([...MODEL, 'CRASH boom'], MODEL)).toBe(false);
  });

  it('agrees with parseRequestResult: same lines, equal results', () => {
    const port = ['WARN x', ...MODEL];
    expect(sameResultLines(port, MODEL)).toBe(true);
    expect(parseRequestResult(port)).toStrictEqual(parseRequestResult(MODEL));
  });
});
