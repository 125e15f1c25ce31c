/**
 * Running a property so that a failure is a reproducer: seed, path, the shrunk request sequence,
 * a `.trace` file that `npx gpuvm-check run` replays, and the one command that replays the
 * counterexample itself (fast-check's seed and path: `PROPERTY_SEED`, `PROPERTY_PATH`, with
 * `PROPERTY_NAME` naming the property, see settings.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { Request } from '../src/trace/request.ts';
import { formatTrace } from '../src/trace/request.ts';
import { shellWord } from '../src/cli/shellWord.ts';
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
    /** fast-check's seed and path of the (shrunk) counterexample. */
    readonly seed: number,
    readonly path: string,
    /** The counterexample: the arbitrary's value the predicate failed on. */
    readonly counterexample: unknown,
    /** The shell command that replays exactly this counterexample. */
    readonly replayCommand: string,
  ) {
    super(message);
  }
}

/** The test file (`*.spec.ts`, `*.test.ts`) that called, relative to the working directory, from the stack. */
function callerTestFile(): string | null {
  for (const line of (new Error().stack ?? '').split('\n')) {
    const m = /((?:file:\/\/)?\/[^\s():]+\.(?:spec|test)\.[cm]?[jt]s)/.exec(line);
    if (m) return relative(process.cwd(), m[1]!.startsWith('file:') ? fileURLToPath(m[1]!) : m[1]!);
  }
  return null;
}

/**
 * Checks `property` with `settings`; on failure writes the shrunk counterexample's requests
 * (from a CheckedRunFailure, or from `requestsOf`) as a trace and throws a PropertyFailure.
 * With `settings.replay` naming this property, runs only the counterexample at its path.
 * @public
 */
export function assertProperty<T>(
  name: string,
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T) => void,
  settings: PropertySettings,
  requestsOf?: (value: T) => readonly Request[],
): void {
  const replay = settings.replay?.name === name ? settings.replay.path : null;
  const details = fc.check(fc.property(arbitrary, predicate), {
    seed: settings.seed,
    numRuns: settings.numRuns,
    ...(replay === null ? {} : { path: replay, endOnFailure: true }),
  });
  if (!details.failed) {
    // A replayed counterexample that passes is the news (fixed), but silence would look like a replay.
    if (replay !== null) process.stderr.write(`property '${name}': the counterexample at seed ${settings.seed} path ${replay} passes now\n`);
    return;
  }
  const error = details.errorInstance;
  const requests =
    error instanceof CheckedRunFailure ? error.requests : details.counterexample && requestsOf ? requestsOf(details.counterexample[0]) : null;
  let tracePath: string | null = null;
  const path = details.counterexamplePath ?? '';
  if (requests) {
    mkdirSync(REPRODUCER_DIR, { recursive: true });
    tracePath = join(REPRODUCER_DIR, `${name}-${settings.seed}.trace`);
    const header = `# property ${name} failed: ${error instanceof Error ? error.message : String(error)}\n# seed ${details.seed} path ${path}\n`;
    writeFileSync(tracePath, header + formatTrace(requests));
  }
  const file = callerTestFile();
  const command = `PROPERTY_SEED=${details.seed} PROPERTY_PATH=${path} PROPERTY_NAME=${shellWord(name)} npx vitest run${file === null ? '' : ` ${shellWord(file)}`}`;
  throw new PropertyFailure(
    [
      `property '${name}' failed: ${error instanceof Error ? error.message : String(error)}`,
      `seed: ${details.seed}, path: ${JSON.stringify(path)} (after ${details.numRuns} runs, ${details.numShrinks} shrinks)`,
      ...(requests ? ['shrunk requests:', formatTrace(requests).trimEnd(), `trace: ${tracePath}`, `replay the trace: npx gpuvm-check run ${tracePath}`] : []),
      `replay this counterexample: ${command}`,
    ].join('\n'),
    tracePath,
    details.seed,
    path,
    details.counterexample?.[0],
    command,
  );
}
