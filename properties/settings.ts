/**
 * Property run settings, in one validated place: a fixed seed so CI is reproducible, a number of
 * runs that `PROPERTY_RUNS` (or `--runs` of the fuzzer) scales up for longer runs, the eras of
 * the port to check, and a counterexample to replay (`PROPERTY_NAME`, `PROPERTY_PATH`).
 */
import type { Era } from '../src/era/era.ts';
import { SEED_ERA } from '../src/era/era.ts';
import { NEWEST_ERA, parseEra } from '../src/era/presets.ts';

/** How many runs and from which seed. @public */
export interface PropertySettings {
  readonly seed: number;
  readonly numRuns: number;
  /**
   * A counterexample to replay (fast-check's `path` with the seed): `PROPERTY_PATH` for the
   * property named by `PROPERTY_NAME`; absent for a normal run.
   */
  readonly replay?: { readonly name: string; readonly path: string };
}

/** CI's fixed seed. */
export const DEFAULT_SEED = 20261127;

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got '${raw}'`);
  return value;
}

/**
 * Settings from `PROPERTY_SEED` and `PROPERTY_RUNS`, scaling `baseRuns` (the CI count of one
 * property) by `PROPERTY_RUNS / 100` so one knob scales every property alike.
 * @public
 */
export function propertySettings(baseRuns: number, env: NodeJS.ProcessEnv = process.env): PropertySettings {
  const seed = positiveInt('PROPERTY_SEED', env.PROPERTY_SEED, DEFAULT_SEED);
  const scale = positiveInt('PROPERTY_RUNS', env.PROPERTY_RUNS, 100);
  const replay = replayOf(env);
  return { seed, numRuns: Math.max(1, Math.round((baseRuns * scale) / 100)), ...(replay ? { replay } : {}) };
}

/**
 * `PROPERTY_PATH` (fast-check's counterexample path, `3:0:1`) with `PROPERTY_NAME`, the one
 * property it belongs to (a path means nothing to another property's generator).
 * @throws RangeError for a malformed path, or a path without a name
 */
function replayOf(env: NodeJS.ProcessEnv): PropertySettings['replay'] | null {
  const path = env.PROPERTY_PATH;
  if (path === undefined || path === '') return null;
  if (!/^\d+(:\d+)*$/.test(path)) throw new RangeError(`PROPERTY_PATH must be a fast-check path such as 3:0:1, got '${path}'`);
  const name = env.PROPERTY_NAME;
  if (!name) throw new RangeError('PROPERTY_PATH replays one property: name it with PROPERTY_NAME');
  return { name, path };
}

/**
 * The eras whose port the properties check: `PROPERTY_ERAS`, era names separated by spaces (as
 * `--era` takes them, e.g. `seed v6.8 v6.18 v7.0`); by default the seed's and the newest.
 * @throws RangeError for an unknown era name
 * @public
 */
export function propertyEras(env: NodeJS.ProcessEnv = process.env): Era[] {
  const raw = env.PROPERTY_ERAS?.trim();
  if (!raw) return [SEED_ERA, NEWEST_ERA];
  return raw.split(/\s+/).map(parseEra);
}
