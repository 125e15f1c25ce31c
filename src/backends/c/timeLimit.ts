/**
 * How long the C driver may take for a trace: a base limit plus a share per request, so that a
 * valid trace of millions of requests is never cut off as a hang while a short trace that hangs
 * is still caught within seconds.
 */

/** The base of every trace's time limit when none is given. @public */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** Time a trace gets per request on top of the base; generous: the driver runs ~10^6 per second. @public */
export const TIMEOUT_PER_REQUEST_MS = 0.1;

/** The time limit of a trace of `requests` requests. @public */
export function traceTimeLimitMs(requests: number, baseMs = DEFAULT_TIMEOUT_MS): number {
  return baseMs + Math.ceil(requests * TIMEOUT_PER_REQUEST_MS);
}

/** The time limit of a trace text, counting its lines as requests (comments count too: an upper bound). @public */
export function textTimeLimitMs(trace: string, baseMs = DEFAULT_TIMEOUT_MS): number {
  let lines = 0;
  for (let i = trace.indexOf('\n'); i >= 0; i = trace.indexOf('\n', i + 1)) lines++;
  return traceTimeLimitMs(lines, baseMs);
}
