/**
 * A differential campaign for one finding's patch: the patched C must print exactly what the
 * port prints with that finding's fix selected (and nothing else), on generated sequences (with
 * and without allocation faults) and random walks. Together with the registry's tests (the port
 * with the fix gives the expected transcript; every violation the port with one fix still shows
 * is attributed to another registered finding) this is "the patch removes the finding and adds
 * nothing new".
 *
 * Run: `npm run findings:check-patches -- [--duration 60s] [GPUVM-001 ...]` (default: every
 * finding, 60 s each).
 */
import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { walkRequests } from '../../fuzz/engines/walk.ts';
import { createCBackend } from '../../src/backends/c/cBackend.ts';
import { DEFAULT_C_SOURCE } from '../../src/backends/c/cTarget.ts';
import { firstDivergence } from '../../src/backends/transcript.ts';
import { parseDuration } from '../../src/cli/duration.ts';
import { runRequests } from '../../src/driver/runTrace.ts';
import { formatTrace } from '../../src/trace/request.ts';
import type { Request } from '../../src/trace/request.ts';
import { concreteRequests, sequences } from '../sequences.ts';
import { applyFindingPatch } from './files.ts';
import { FINDINGS } from './registry.ts';

/** What a campaign on one patched source saw. @public */
export interface PatchCheck {
  readonly id: string;
  readonly traces: number;
  readonly requests: number;
  /** The first trace where the patched C and the port with the fix disagree, if any. */
  readonly divergence: { trace: string; line: number; port: string | undefined; c: string | undefined } | null;
}

const BATCH = 40;
const WALK_REQUESTS = 3000;

/** The traces of round `k`: generated sequences, some with allocation faults, and one walk. */
function round(k: number): Request[][] {
  const plain = fc.sample(sequences(30, false), { seed: k, numRuns: BATCH }).map(concreteRequests);
  const faulty = fc.sample(sequences(30, true), { seed: k ^ 0x5eed, numRuns: BATCH / 4 }).map(concreteRequests);
  return [...plain, ...faulty, [...walkRequests(k, { requests: WALK_REQUESTS })]];
}

/**
 * Applies the finding's patch to `source`, then compares the patched C with the port (fix `id`
 * selected) for `durationMs`. Stops at the first divergence.
 * @public
 */
export async function checkPatch(id: string, durationMs: number, source = DEFAULT_C_SOURCE): Promise<PatchCheck> {
  const c = await createCBackend({ cSource: applyFindingPatch(id, source) });
  const fixes = new Set([id]);
  const deadline = Date.now() + durationMs;
  let traces = 0;
  let requests = 0;
  try {
    for (let k = 1; Date.now() < deadline; k++) {
      const batch = round(k);
      const cOut = await c.runTraces(batch.map((t) => formatTrace(t)));
      for (const [i, trace] of batch.entries()) {
        const port = runRequests(trace, { fixes });
        const d = firstDivergence(port, cOut[i]!);
        traces++;
        requests += trace.length;
        if (d) return { id, traces, requests, divergence: { trace: formatTrace(trace), line: d.index + 1, port: d.left, c: d.right } };
      }
    }
  } finally {
    await c.close();
  }
  return { id, traces, requests, divergence: null };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--duration');
  const durationMs = at >= 0 ? parseDuration('duration', args.splice(at, 2)[1] ?? '') : 60_000;
  const ids = args.length > 0 ? args : FINDINGS.map((f) => f.id);
  let failed = false;
  for (const id of ids) {
    const r = await checkPatch(id, durationMs);
    if (r.divergence) {
      failed = true;
      console.log(`${id}: DIVERGES at line ${r.divergence.line}: port '${r.divergence.port}' vs c '${r.divergence.c}'\n${r.divergence.trace}`);
    } else console.log(`${id}: patched C = port with the fix on ${r.traces} traces (${r.requests} requests)`);
  }
  process.exitCode = failed ? 1 : 0;
}
