/**
 * A campaign's era as plain JSON (label and feature names): it crosses worker boundaries, sits
 * in state.json so that `--resume` keeps it, in check.json so that a stored finding is
 * recognised in the era it was found in, and in report.json for people.
 */
import type { Era, EraFeature } from '../src/era/era.ts';
import { SEED_ERA } from '../src/era/era.ts';
import { ERA_FEATURES } from '../src/era/presets.ts';

/** An era as stored. @public */
export interface EraRecord {
  readonly label: string;
  /** Feature names in the order they appeared upstream. */
  readonly features: readonly string[];
}

/** The record of `era`. @public */
export function eraRecord(era: Era): EraRecord {
  return { label: era.label, features: ERA_FEATURES.filter((f) => era.features.has(f)) };
}

/**
 * The era of a record; absent (files written before campaigns had eras): the seed's.
 * @throws RangeError naming a feature this version does not know
 * @public
 */
export function eraOf(record: EraRecord | undefined | null): Era {
  if (!record) return SEED_ERA;
  const unknown = record.features.find((f) => !(ERA_FEATURES as readonly string[]).includes(f));
  if (unknown !== undefined) throw new RangeError(`unknown era feature '${unknown}' (known: ${ERA_FEATURES.join(', ')})`);
  return { label: record.label, features: new Set(record.features as EraFeature[]) };
}

/** Whether two records name the same features (labels aside). @public */
export function sameEra(a: EraRecord, b: EraRecord): boolean {
  return a.features.length === b.features.length && a.features.every((f) => b.features.includes(f));
}

/** `v6.18 (vm_bo, quiet_range_check, map_req, madvise)`, or `v6.7 (no later features)`. @public */
export function describeEraRecord(record: EraRecord): string {
  return `${record.label} (${record.features.length === 0 ? 'no later features' : record.features.join(', ')})`;
}
