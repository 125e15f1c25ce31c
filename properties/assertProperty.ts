/**
 * Running a property so that a failure is a reproducer: seed, path, the shrunk request sequence,
 * and a `.trace` file that `npx gpuvm-check run` replays.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Request } from '../src/trace/request.ts';
import { formatTrace } from '../src/trace/request.ts';
import { CheckedRunFailure } from './harness.ts';
import type { PropertySettings } from './settings.ts';

/** Where failing properties write their reproducers. */
export const REPRODUCER_DIR = 'reports/properties';

/** A property failure, with everything needed to replay it. @public */
export class PropertyFailure extends Error {
  override name = 'PropertyFailure';
  constructor(
    message: string,
    readonly tracePath: string | null,
  ) {
    super(message);
  }
}

/**
 * Checks `property` with `settings`; on failure writes the shrunk counterexample's requests
 * (from a CheckedRunFailure, or from `requestsOf`) as a trace and throws a PropertyFailure.
 * @public
 */
export function assertProperty<T>(
  name: string,
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T) => void,
  settings: PropertySettings,
  requestsOf?: (value: T) => readonly Request[],
): void {
  const details = fc.check(fc.property(arbitrary, predicate), { seed: settings.seed, numRuns: settings.numRuns });
  if (!details.failed) return;
  const error = details.errorInstance;
  const requests =
    error instanceof CheckedRunFailure ? error.requests : details.counterexample && requestsOf ? requestsOf(details.counterexample[0]) : null;
  let tracePath: string | null = null;
  if (requests) {
    mkdirSync(REPRODUCER_DIR, { recursive: true });
    tracePath = join(REPRODUCER_DIR, `${name}-${settings.seed}.trace`);
    const header = `# property ${name} failed: ${error instanceof Error ? error.message : String(error)}\n# seed ${details.seed} path ${details.counterexamplePath}\n`;
    writeFileSync(tracePath, header + formatTrace(requests));
  }
  throw new PropertyFailure(
    [
      `property '${name}' failed: ${error instanceof Error ? error.message : String(error)}`,
      `seed: ${details.seed}, path: ${JSON.stringify(details.counterexamplePath)} (after ${details.numRuns} runs, ${details.numShrinks} shrinks)`,
      ...(requests ? ['shrunk requests:', formatTrace(requests).trimEnd(), `trace: ${tracePath}`, `replay: npx gpuvm-check run ${tracePath}`] : []),
      `rerun this property alone: PROPERTY_SEED=${details.seed} npx vitest run -t '${name}'`,
    ].join('\n'),
    tracePath,
  );
}
