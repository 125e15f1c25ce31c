/**
 * Property run settings, in one validated place: a fixed seed so CI is reproducible, a number of
 * runs that `PROPERTY_RUNS` (or `--runs` of the fuzzer) scales up for longer runs, and the eras of
 * the port to check.
 */
import type { Era } from '../src/era/era.ts';
import { SEED_ERA } from '../src/era/era.ts';
import { NEWEST_ERA, parseEra } from '../src/era/presets.ts';

/** How many runs and from which seed. @public */
export interface PropertySettings {
  readonly seed: number;
  readonly numRuns: number;
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
  return { seed, numRuns: Math.max(1, Math.round((baseRuns * scale) / 100)) };
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
