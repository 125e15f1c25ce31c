/**
 * A checked run reads the port's output kept as results instead of printing and parsing
 * transcript lines; that is only sound if both say the same for every request.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DriverOutput } from '../../src/driver/output.ts';
import { portCrashDetail } from '../../src/driver/runTrace.ts';
import { crashLine } from '../../src/backends/backend.ts';
import { TsDriver } from '../../src/driver/tsDriver.ts';
import type { TsDriverOptions } from '../../src/driver/tsDriver.ts';
import { request } from '../../src/trace/request.ts';
import type { Request } from '../../src/trace/request.ts';
import { parseRequestResult } from '../../properties/opLines.ts';
import { ALL_FIXES } from '../../fuzz/known.ts';
import { walkRequests } from '../../fuzz/engines/walk.ts';
import { smallTrace } from '../__helpers__/smallTraces.ts';

/** Runs `requests` on two drivers, one printing, one keeping structure; compares each request. */
function expectOutputsAgree(requests: Iterable<Request>, options: TsDriverOptions): number {
  const printing = new TsDriver(options);
  const output = new DriverOutput(false);
  const keeping = new TsDriver(options, output);
  let compared = 0;
  for (const req of requests) {
    const from = printing.lines.length;
    const printingCrash = crashOf(() => printing.execute(req));
    const crash = crashOf(() => keeping.execute(req));
    expect(crash).toBe(printingCrash);
    const [echo, ...lines] = printing.lines.slice(from);
    expect(echo?.startsWith('> ')).toBe(true);
    // What runRequests appends when the port crashes is what parseRequestResult reads back.
    expect(output.latest(crash)).toStrictEqual(parseRequestResult(crash === null ? lines : [...lines, crashLine(crash)]));
    compared++;
    if (crash !== null) break;
  }
  return compared;
}

/** What the port said as it crashed (portCrashDetail), or null when it did not. */
function crashOf(run: () => void): string | null {
  try {
    run();
    return null;
  } catch (error) {
    return portCrashDetail(error);
  }
}

describe('DriverOutput keeping results', () => {
  it('keeps what parseRequestResult reads from the transcript, on the faithful and the corrected port, in both modes', () => {
    fc.assert(
      fc.property(smallTrace, fc.boolean(), fc.constantFrom<ReadonlySet<string>>(new Set(), ALL_FIXES), (requests, cb, fixes) => {
        expectOutputsAgree(cb ? [request('mode', 'cb'), ...requests] : requests, { fixes: fixes as TsDriverOptions['fixes'] });
      }),
      { seed: 5, numRuns: 300 },
    );
  });

  it('agrees on a long walk: dense trees, dumps, GEM lists, every lookup', () => {
    expect(expectOutputsAgree(walkRequests(3, { requests: 4000 }), { fixes: ALL_FIXES })).toBe(4000);
  });

  it('takes the place of the transcript: a driver keeping results prints no line', () => {
    const driver = new TsDriver({}, new DriverOutput(false));
    driver.execute(request('init', 0n, 0x10000n, 0n, 0n));
    driver.execute(request('map', 0n, 0x1000n, 1, 0n));
    expect(driver.lines).toEqual([]);
  });
});
