/**
 * Known eras of upstream `drm_gpuvm.c`, built from their features, and the `--era` argument that
 * names one: a preset label (`seed`, `v6.8`, `v6.18`, `v6.19`, `v7.0`) or a list of features.
 */
import type { Era, EraFeature } from './era.ts';
import { SEED_ERA } from './era.ts';

/** Every feature, in the order they appeared upstream. @public */
export const ERA_FEATURES: readonly EraFeature[] = ['vm_bo', 'quiet_range_check', 'map_req', 'madvise', 'immediate_mode'];

const era = (label: string, features: readonly EraFeature[]): Era => ({ label, features: new Set(features) });

/** v6.8 to v6.17: vm_bo lifetime, quiet range checks. @public */
export const V6_8_ERA = era('v6.8', ['vm_bo', 'quiet_range_check']);
/** v6.18 (and v6.18.y): map_req and madvise on top. @public */
export const V6_18_ERA = era('v6.18', [...V6_8_ERA.features, 'map_req', 'madvise']);
/** v6.19 and v7.0: immediate mode and the deferred vm_bo put on top. @public */
export const V6_19_ERA = era('v6.19', [...V6_18_ERA.features, 'immediate_mode']);

/** The presets, oldest first; the last one is the newest era the port knows. @public */
export const ERA_PRESETS: readonly Era[] = [SEED_ERA, V6_8_ERA, V6_18_ERA, V6_19_ERA];

/** The newest era the port knows. @public */
export const NEWEST_ERA: Era = V6_19_ERA;

/** Names a user may give `--era`, each with its preset (v7.0's file equals v6.19's). */
const PRESET_NAMES: ReadonlyMap<string, Era> = new Map([
  ['seed', SEED_ERA],
  ['v6.7', SEED_ERA],
  ['v6.8', V6_8_ERA],
  ['v6.18', V6_18_ERA],
  ['v6.19', V6_19_ERA],
  ['v7.0', V6_19_ERA],
]);

function isFeature(word: string): word is EraFeature {
  return (ERA_FEATURES as readonly string[]).includes(word);
}

/**
 * The era named by `text`: a preset name, or features separated by commas (`vm_bo,madvise`;
 * `none` for the seed's empty set).
 * @throws RangeError naming the unknown word and what is accepted
 * @public
 */
export function parseEra(text: string): Era {
  const preset = PRESET_NAMES.get(text);
  if (preset) return preset;
  if (text === 'none') return SEED_ERA;
  const words = text.split(',').map((w) => w.trim());
  const unknown = words.filter((w) => !isFeature(w));
  if (unknown.length > 0 || words.length === 0) {
    throw new RangeError(
      `unknown era '${unknown[0] ?? text}': give one of ${[...PRESET_NAMES.keys()].join(', ')} or features from ${ERA_FEATURES.join(', ')}`,
    );
  }
  const features = new Set(words as EraFeature[]);
  const same = ERA_PRESETS.find((e) => e.features.size === features.size && [...features].every((f) => e.features.has(f)));
  return same ?? { label: `features ${[...features].join(',')}`, features };
}
