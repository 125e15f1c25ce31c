import { describe, expect, it } from 'vitest';
import { parseRequestResult } from '../../properties/opLines.ts';

describe('parseRequestResult', () => {
  it('keeps what a CRASH line says, and says nothing of a crash that did not happen', () => {
    expect(parseRequestResult(['MAP 0x0 0x10 1 0x0', 'CRASH TypeError: x is null'])).toStrictEqual({
      ops: [{ type: 'MAP', map: { addr: 0n, range: 0x10n, handle: 1, offset: 0n } }],
      status: null,
      results: [],
      crashed: true,
      crash: 'TypeError: x is null',
    });
    expect(parseRequestResult(['CRASH'])).toMatchObject({ crashed: true, crash: '' });
    expect(parseRequestResult(['WARN w', 'OK'])).toStrictEqual({ ops: [], status: 0, results: [], crashed: false });
  });
});
