/**
 * The C backend: a `drm_gpuvm.c` (the seed by default) compiled together with the C driver of
 * `native/`, run in long-lived child processes (`batchRunner.ts`), sanitizer builds too.
 */
import type { Backend } from '../backend.ts';
import { BatchRunner } from './batchRunner.ts';
import type { BuiltDriver, Instrumentation } from './build.ts';
import { buildDriver } from './build.ts';
import type { CTarget, CTargetOptions } from './cTarget.ts';
import { sanitizerEnv } from './sanitizerEnv.ts';
import { DEFAULT_TIMEOUT_MS } from './timeLimit.ts';

/**
 * Options of the C backend. Without `target`, the C code is resolved from `cSource`, `cHeader`
 * and `kernelTree` (see `resolveCTarget`): default `$GPUVM_KERNEL_TREE` or `$GPUVM_C_SOURCE`,
 * then the seed `../shared/seed/drm_gpuvm.c`.
 * @public
 */
export interface CBackendOptions extends CTargetOptions {
  /** The C code, already resolved (e.g. by the CLI, which prints its era). */
  readonly target?: CTarget | undefined;
  /** Build with AddressSanitizer, LeakSanitizer and UBSan (a leak is reported as the trace's that ends). */
  readonly sanitize?: boolean | undefined;
  /** Instrument the source under test (`edges`: see edgeCoverage.ts; `gcov`: src/coverage/). */
  readonly instrument?: Instrumentation | undefined;
  /**
   * A trace without its transcript after this long, plus a share per line (timeLimit.ts), ends in
   * `CRASH timeout`.
   */
  readonly timeoutMs?: number | undefined;
}

/** The C backend: a backend that also says what it was built from. @public */
export interface CBackend extends Backend {
  /** The binary, the C target with its era, and gcc's warnings about the source. */
  readonly build: BuiltDriver;
}

interface Runner {
  run(traces: readonly string[]): Promise<string[][]>;
  close?(): Promise<void>;
}

/**
 * Builds the driver (or takes it from the cache) and returns a backend that runs traces on it.
 * `runTraces` never throws for a crashing trace (its transcript ends in `CRASH <detail>`); it
 * throws `MalformedTraceError` for a trace the driver rejects.
 * @throws NativeBuildError when the driver cannot be built
 * @public
 */
export async function createCBackend(options: CBackendOptions = {}): Promise<CBackend> {
  const built = await buildDriver(options);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const runner: Runner = new BatchRunner(built.binary, timeoutMs, built.sanitize ? sanitizerEnv() : process.env);

  // One batch at a time: a runner drives its process as a single conversation.
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  return {
    name: 'c',
    build: built,
    runTraces(traces: readonly string[]): Promise<string[][]> {
      if (closed) return Promise.reject(new Error('the C backend was closed'));
      const result = queue.then(() => runner.run(traces));
      queue = result.catch(() => undefined);
      return result;
    },
    async close(): Promise<void> {
      closed = true;
      await queue;
      await runner.close?.();
    },
  };
}
