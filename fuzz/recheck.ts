/**
 * Does a stored reproducer still fail? The question of a CI regression gate: a plain trace is
 * checked for any failure on the chosen backends; a campaign's finding directory is replayed
 * with the check the campaign recorded for it, so "still fails" means "still this finding".
 *
 * Where the model speaks, a backend is judged by the contract (the port by `runChecked`, the C
 * code by `checkAgainstContract`, both in the era given); past that point (fault injection, an
 * overflowing VA space) it must print what the corrected port of the same era prints; any
 * `CRASH` is a failure; with both backends, a divergence between them is one too.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ModelDriver } from '../model/modelDriver.ts';
import { checkAgainstContract } from '../properties/contractCheck.ts';
import { CheckedRunFailure, runChecked } from '../properties/harness.ts';
import { FINDINGS } from '../properties/findings/registry.ts';
import type { Backend } from '../src/backends/backend.ts';
import { firstDivergence } from '../src/backends/transcript.ts';
import { runRequests } from '../src/driver/runTrace.ts';
import type { Era } from '../src/era/era.ts';
import { SEED_ERA } from '../src/era/era.ts';
import { parseTrace } from '../src/trace/parse.ts';
import type { Request } from '../src/trace/request.ts';
import { formatTrace } from '../src/trace/request.ts';
import { WALK_FULL_CHECK_EVERY, walkChecks } from './engines/walk.ts';
import type { FailureCheck } from './failureCheck.ts';
import { classOf, lineWord, spacedViolation, stillFailsFor } from './failureCheck.ts';
import { ALL_FIXES } from './known.ts';
import type { StoredFinding } from './types.ts';

/** Where a trace is checked. @public */
export interface RecheckBackends {
  /** Check the TypeScript port. */
  readonly ts: boolean;
  /** The C backend to check, or null. */
  readonly c: Backend | null;
  /** The era of the C code (and of the port with it); the seed's by default. */
  readonly era?: Era;
}

/** A finding directory as a campaign stores it. @public */
export interface FindingDir {
  readonly dir: string;
  readonly finding: StoredFinding;
  /** The recorded check, or null for a finding stored without one (a lost job). */
  readonly check: FailureCheck | null;
  readonly requests: Request[];
}

/** Something a user named is not a trace or finding directory; the message says what is wrong. @public */
export class RecheckInputError extends Error {
  override name = 'RecheckInputError';
}

/** True when `path` is a directory (a finding directory is the only one accepted). @public */
export function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/**
 * Reads a finding directory: `finding.json`, `repro.trace` and, when there, `check.json`.
 * @throws RecheckInputError when one is missing or malformed
 * @public
 */
export function readFindingDir(dir: string): FindingDir {
  const file = (name: string): string => {
    const path = join(dir, name);
    if (!existsSync(path)) throw new RecheckInputError(`${dir}: not a finding directory (no ${name})`);
    return readFileSync(path, 'utf8');
  };
  const json = <T>(name: string): T => {
    try {
      return JSON.parse(file(name)) as T;
    } catch (error) {
      if (error instanceof RecheckInputError) throw error;
      throw new RecheckInputError(`${join(dir, name)}: not valid JSON (${(error as Error).message})`);
    }
  };
  const finding = json<StoredFinding>('finding.json');
  if (typeof finding.class !== 'string' || typeof finding.what !== 'string') throw new RecheckInputError(`${join(dir, 'finding.json')}: no class or what`);
  const trace = join(dir, 'repro.trace');
  const requests = parseTrace(file('repro.trace'), trace).map((p) => p.request);
  return { dir, finding, check: existsSync(join(dir, 'check.json')) ? json<FailureCheck>('check.json') : null, requests };
}

/**
 * Whether the finding's recorded check (or, without one, its class, and the backend an invariant
 * finding names when the C code broke it) needs the C code.
 * @public
 */
export function findingNeedsC(f: FindingDir): boolean {
  if (f.check) return f.check.kind !== 'invariant';
  return f.finding.class !== 'invariant' || (f.finding as { readonly backend?: string }).backend === 'c';
}

/**
 * The registered finding `requests` meet on the port of `era`: the one whose fix alone makes the
 * faithful port print what the corrected port prints. Null when none does (or no fix matters).
 */
function registeredFindingOf(requests: readonly Request[], era: Era): string | null {
  const corrected = runRequests(requests, { era, fixes: ALL_FIXES }).join('\n');
  if (runRequests(requests, { era }).join('\n') === corrected) return null;
  return FINDINGS.find((f) => runRequests(requests, { era, fixes: new Set([f.id]) }).join('\n') === corrected)?.id ?? null;
}

const quote = (line: string | undefined): string => (line === undefined ? '<end>' : `'${line}'`);

/** The port's first failure on `requests`, or null. */
function portFailure(requests: readonly Request[], era: Era): string | null {
  let checked: number;
  try {
    checked = runChecked(requests, walkChecks({ era })).length;
  } catch (error) {
    if (error instanceof CheckedRunFailure) return `invariant ${error.violation.invariant} at request ${error.index + 1}`;
    throw error;
  }
  return pastTheModel(runRequests(requests, { era }), requests, checked, era, 'port');
}

/**
 * Past the requests the model spoke for, the backend must print what the corrected port
 * prints; a crash anywhere is a failure.
 */
function pastTheModel(lines: readonly string[], requests: readonly Request[], checked: number, era: Era, who: string): string | null {
  const crash = lines.find((l) => l.startsWith('CRASH'));
  if (crash !== undefined) return `${crash === 'CRASH timeout' ? 'hang' : 'crash'} of the ${who}: ${crash}`;
  if (checked >= requests.length) return null;
  const d = firstDivergence(runRequests(requests, { era, fixes: ALL_FIXES }), lines);
  return d ? `the ${who} differs from the corrected port at line ${d.index + 1}: expected ${quote(d.left)}, got ${quote(d.right)}` : null;
}

/** The C code's first failure on `requests`, or null. */
async function cFailure(requests: readonly Request[], c: Backend, era: Era, withPort: boolean): Promise<string | null> {
  const run = async (trace: string): Promise<readonly string[]> => (await c.runTraces([trace]))[0]!;
  const contract = await checkAgainstContract(requests, run, {
    model: new ModelDriver(era),
    fullCheckEvery: WALK_FULL_CHECK_EVERY,
    amortizeFullChecks: true,
  });
  if (contract.failure) return `invariant ${contract.failure.violation.invariant} at request ${contract.failure.index + 1} on C`;
  const lines = await run(formatTrace(requests));
  if (withPort) {
    const d = firstDivergence(runRequests(requests, { era }), lines);
    if (d) return `${classOf(d.right, d.left)} ${lineWord(d.right)}: C and the port differ at line ${d.index + 1}: port ${quote(d.left)}, C ${quote(d.right)}`;
  }
  return pastTheModel(lines, requests, contract.checked, era, 'C code');
}

/**
 * The first failure of `requests` on `backends`, as one line (with the registered finding it
 * meets, if any), or null when none fails.
 * @public
 */
export async function traceFailure(requests: readonly Request[], backends: RecheckBackends): Promise<string | null> {
  const era = backends.era ?? SEED_ERA;
  const failure = (backends.ts ? portFailure(requests, era) : null) ?? (backends.c ? await cFailure(requests, backends.c, era, backends.ts) : null);
  if (failure === null) return null;
  const known = registeredFindingOf(requests, era);
  return known ? `${failure} (${known})` : failure;
}

/**
 * Whether a stored finding still reproduces, as one line saying what reproduces, or null when it
 * is gone. With a recorded check, exactly that check decides (so a different failure of the same
 * trace does not keep a fixed finding alive); without one, any failure of the backends its class
 * needs does.
 * @param c - the C backend, required when {@link findingNeedsC}
 * @public
 */
export async function findingFailure(f: FindingDir, c: Backend | null, era: Era = SEED_ERA): Promise<string | null> {
  if (f.check === null) return traceFailure(f.requests, { ts: true, c: findingNeedsC(f) ? c : null, era });
  if (!(await stillFailsFor(f.check, c)(f.requests))) return null;
  const at = f.check.kind === 'invariant' ? spacedViolation(f.requests, f.check.fixes === 'all' ? ALL_FIXES : new Set())?.index : undefined;
  const known = f.finding.known ? ` (${f.finding.known})` : '';
  return `${f.finding.class} ${f.finding.what}${at === undefined ? '' : ` at request ${at + 1}`}${known}`;
}
