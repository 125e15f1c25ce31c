/**
 * What a trace is expected to print under the documented contract, for exports that turn a
 * trace into a regression test. A registered finding's own trace expects its committed
 * `<id>.expected.transcript` (the port with that finding's fix: exactly what its patch makes
 * the C code print). Any other trace expects what the port prints with every registered fix
 * selected: the corrected port, which is the one the fuzz campaigns check against the model and
 * every invariant, so its transcript is the best available statement of the contract.
 */
import { findingRequests, findingTranscript } from '../../properties/findings/files.ts';
import { FINDINGS } from '../../properties/findings/registry.ts';
import { runRequests } from '../driver/runTrace.ts';
import type { Request } from '../trace/request.ts';
import { formatTrace } from '../trace/request.ts';

/** A trace's expected transcript and where it comes from. @public */
export interface Expectation {
  /** The registered finding whose trace this is, if any. */
  readonly finding: (typeof FINDINGS)[number] | null;
  readonly lines: string[];
}

/** The expected transcript of `requests` (see the file comment for the choice). @public */
export function expectationOf(requests: readonly Request[]): Expectation {
  const text = formatTrace(requests);
  const finding = FINDINGS.find((f) => formatTrace(findingRequests(f.id)) === text) ?? null;
  if (finding) return { finding, lines: findingTranscript(finding.id, 'expected') };
  return { finding: null, lines: runRequests(requests, { fixes: new Set(FINDINGS.map((f) => f.id)) }) };
}
