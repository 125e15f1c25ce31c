/**
 * Kernel eras of `drm_gpuvm.c`: what a source offers and how it behaves, as far as a trace can
 * tell. The C backend detects the era of the source it builds (`src/backends/c/detectEra.ts`);
 * the TypeScript port takes the same value, so both sides of a `diff` run one era.
 *
 * An era is a set of features, each named after the kernel API or behaviour that appeared with
 * it, rather than a version number: a user's tree between two releases, or with a backport, is
 * described by what it has.
 */

/**
 * One trace-visible property of a source, with the release it first appeared in upstream.
 * @public
 */
export type EraFeature =
  /** `struct drm_gpuvm_bo`: VAs link to their object through the VM's vm_bo (v6.8). */
  | 'vm_bo'
  /** `drm_gpuvm_range_valid` no longer WARNs on overflow; only `drm_gpuvm_init` does (v6.8). */
  | 'quiet_range_check'
  /** `drm_gpuvm_sm_map` and friends take a `struct drm_gpuvm_map_req` (v6.18). */
  | 'map_req'
  /** `drm_gpuvm_madvise_ops_create` and the madvise split mode (v6.18). */
  | 'madvise'
  /** `drm_gpuvm_immediate_mode` and the deferred vm_bo put (`bo_defer`) (v6.19). */
  | 'immediate_mode';

/**
 * The era of a source: a label for people and the features that decide behaviour.
 * @public
 */
export interface Era {
  /**
   * e.g. `v6.7` (the seed's), `v6.8`, `v6.18`: the newest release whose features all are present,
   * with a `+` when the source has more than that release.
   */
  readonly label: string;
  readonly features: ReadonlySet<EraFeature>;
}

/** True when `era` has `feature`. @public */
export function hasFeature(era: Era, feature: EraFeature): boolean {
  return era.features.has(feature);
}

/** The seed's era (upstream blob b80d4e1c): none of the later features. @public */
export const SEED_ERA: Era = { label: 'v6.7', features: new Set() };
