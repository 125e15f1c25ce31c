/**
 * Per-trace edge coverage of the C code under test, from a driver built with
 * `instrument: 'edges'` (native/driver/edges.h): after each trace the batch protocol's
 * `@@edges` line is sent as a message of its own, and the driver answers with the edges first
 * hit since its previous answer. Traces and the pipelined batch runner stay as they are; the
 * normative trace format knows nothing of it.
 *
 * Edges are indices of a 2^16-entry map, the same in every process of one binary. A driver
 * that died is replaced and starts with an empty map, so an edge can be reported again: callers
 * keep their own set of edges seen.
 */
import type { Backend } from '../backend.ts';

/** The batch-protocol line asking an instrumented driver for its new edges. @public */
export const EDGES_QUERY = '@@edges';

/** Transcripts and, per trace, the edges it was the first to reach in its driver process. @public */
export interface EdgeRun {
  readonly transcripts: string[][];
  readonly edges: number[][];
}

/**
 * Parses the answer to `@@edges`: one line `EDGES <n> <index>...`.
 * @throws Error when the driver is not edge-instrumented or the answer is damaged
 * @public
 */
export function parseEdgesAnswer(lines: readonly string[]): number[] {
  const words = lines.length === 1 ? lines[0]!.split(' ') : [];
  const count = Number(words[1]);
  if (words[0] !== 'EDGES' || !Number.isSafeInteger(count) || words.length !== count + 2) {
    throw new Error(`not an answer to ${EDGES_QUERY} (is the C driver built with instrument 'edges'?): ${JSON.stringify(lines.slice(0, 2))}`);
  }
  return words.slice(2).map(Number);
}

/**
 * Runs `traces` on an edge-instrumented C backend, each followed by an `@@edges` query.
 * @throws Error when the backend is not edge-instrumented; MalformedTraceError as runTraces
 * @public
 */
export async function runWithEdges(c: Backend, traces: readonly string[]): Promise<EdgeRun> {
  const out = await c.runTraces(traces.flatMap((t) => [t, EDGES_QUERY]));
  const transcripts: string[][] = [];
  const edges: number[][] = [];
  for (let i = 0; i < traces.length; i++) {
    transcripts.push(out[2 * i]!);
    edges.push(parseEdgesAnswer(out[2 * i + 1]!));
  }
  return { transcripts, edges };
}
