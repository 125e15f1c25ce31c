/**
 * The TypeScript port as a backend: parses each trace and runs it in-process.
 */
import { runRequests } from '../../driver/runTrace.ts';
import type { TsDriverOptions } from '../../driver/tsDriver.ts';
import { parseTrace } from '../../trace/parse.ts';
import type { Backend } from '../backend.ts';

/**
 * Creates the TypeScript backend; `fixes` selects corrected behaviours (none: the faithful port),
 * `era` the `drm_gpuvm.c` era it follows (default: the seed's).
 * @public
 */
export function createTsBackend(options: TsDriverOptions = {}): Backend {
  return {
    name: options.fixes?.size ? 'ts-fixed' : 'ts',
    async runTraces(traces) {
      return traces.map((text) => runRequests(parseTrace(text).map((p) => p.request), options));
    },
    async close() {},
  };
}
