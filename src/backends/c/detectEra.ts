/**
 * Which era a `drm_gpuvm.c` and its `drm_gpuvm.h` belong to, read from the declarations they
 * contain (comments left out: the later sources' "DOC: Examples" mention APIs in prose). The
 * result decides how the C driver calls the source (`-DGPUVM_ERA_*`, see native/driver/era.h)
 * and which behaviours the port follows.
 */
import type { Era, EraFeature } from '../../era/era.ts';
import { ERA_FEATURES, ERA_PRESETS } from '../../era/presets.ts';

/** The telltale of each feature, in the source or in the header. */
const TELLTALES: readonly { readonly feature: EraFeature; readonly present: (source: string, header: string) => boolean }[] = [
  { feature: 'vm_bo', present: (_, header) => /\bstruct\s+drm_gpuvm_bo\s*\{/.test(header) },
  {
    feature: 'quiet_range_check',
    present: (source) => {
      const body = functionBody(source, 'drm_gpuvm_check_overflow');
      return body !== null && !/\bWARN/.test(body);
    },
  },
  { feature: 'map_req', present: (_, header) => /\bstruct\s+drm_gpuvm_map_req\s*\{/.test(header) },
  { feature: 'madvise', present: (source) => functionBody(source, 'drm_gpuvm_madvise_ops_create') !== null },
  // Immediate mode itself came with v6.18; the feature is the deferred vm_bo put of v6.19.
  {
    feature: 'immediate_mode',
    present: (_, header) => /\bDRM_GPUVM_IMMEDIATE_MODE\b/.test(header) && /\bbo_defer\b/.test(header),
  },
];

/**
 * The era of a source and its header, both given as text.
 * The label is the newest release whose features are all present, with a `+` when the source
 * has more than that release (a backport, or a tree between releases).
 * @public
 */
export function detectEra(sourceText: string, headerText: string): Era {
  const source = stripComments(sourceText);
  const header = stripComments(headerText);
  const features = new Set(TELLTALES.filter((t) => t.present(source, header)).map((t) => t.feature));
  const release = ERA_PRESETS.filter((r) => [...r.features].every((f) => features.has(f))).at(-1)!;
  const label = features.size > release.features.size ? `${release.label}+` : release.label;
  return { label, features };
}

/** `v6.18 era: vm_bo, quiet_range_check, map_req, madvise`, or `v6.7 era`. @public */
export function describeEra(era: Era): string {
  const listed = ERA_FEATURES.filter((f) => era.features.has(f));
  return listed.length === 0 ? `${era.label} era` : `${era.label} era: ${listed.join(', ')}`;
}

/** What the C backend knows how to drive, for the message of a source that does not build. @public */
export const SUPPORTED_ERAS =
  'the seed (v6.7) and upstream sources with any of: ' +
  'vm_bo (v6.8), quiet_range_check (v6.8), map_req (v6.18), madvise (v6.18), immediate_mode (v6.19)';

/** The -D macros that tell the C driver the era (native/driver/era.h). @public */
export function eraDefines(era: Era): string[] {
  return ERA_FEATURES.filter((f) => era.features.has(f)).map((f) => `-DGPUVM_ERA_${f.toUpperCase()}`);
}

/** The text with C comments replaced by a space (string literals are left alone). */
function stripComments(text: string): string {
  return text.replace(/"(?:[^"\\\n]|\\.)*"|\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (m) => (m.startsWith('"') ? m : ' '));
}

/**
 * The body (between its outer braces) of the function named `name` defined in `source`, or
 * null when the source only declares or calls it.
 */
function functionBody(source: string, name: string): string | null {
  const definition = new RegExp(`\\b${name}\\s*\\([^;{)]*\\)\\s*\\{`, 'g');
  const match = definition.exec(source);
  if (!match) return null;
  let depth = 1;
  const start = match.index + match[0].length;
  for (let i = start; i < source.length; i++) {
    if (source[i] === '{') depth++;
    else if (source[i] === '}' && --depth === 0) return source.slice(start, i);
  }
  return null;
}
