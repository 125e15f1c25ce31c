/**
 * The C source the benchmark mutates, named as `gpuvm-check fuzz` names a C target
 * (`--kernel-tree DIR`, or `--c-source FILE [--c-header FILE]`, else the environment, else the
 * seed): its text, the header it is compiled with, its era, and what keys its measurements and
 * reports apart from any other source's: its sha256 and a label. Mutant ids are positions in
 * that exact text, so nothing measured or judged on one source is ever applied to another.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CTarget } from '../../src/backends/c/cTarget.ts';
import { CLEAN_ROOM_HEADER, DEFAULT_C_SOURCE, TREE_SOURCE } from '../../src/backends/c/cTarget.ts';
import type { Era } from '../../src/era/era.ts';

/** The label of the seed; its reports keep their unlabelled names. @public */
export const SEED_LABEL = 'seed';

/** A C source to mutate, resolved and read. @public */
export interface MutationSource {
  /** Names the source in file names and reports (never a path): a tree's directory name, `seed`, or a lone file's name and sha256 prefix. */
  readonly label: string;
  /** True for the seed with our clean-room header. */
  readonly isSeed: boolean;
  readonly cSource: string;
  readonly cHeader: string;
  readonly text: string;
  readonly sha256: string;
  readonly headerSha256: string;
  readonly era: Era;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** `text` reduced to the characters a file name and a Markdown heading take safely. */
function safe(text: string): string {
  return text.replace(/[^A-Za-z0-9._+-]+/g, '_');
}

/**
 * The label of a target: `seed`; the kernel tree's directory name when the source sits in a
 * tree (`<tree>/drivers/gpu/drm/drm_gpuvm.c`); else the file's name with the first 8 hex digits
 * of its sha256, so that two lone files of one name get two labels.
 * @public
 */
export function labelOf(target: Pick<CTarget, 'cSource' | 'cHeader'>, sourceSha256: string): string {
  if (isSeedTarget(target)) return SEED_LABEL;
  if (target.cSource.endsWith(path.sep + TREE_SOURCE)) return safe(path.basename(target.cSource.slice(0, -TREE_SOURCE.length - 1)));
  return safe(`${path.basename(target.cSource, '.c')}-${sourceSha256.slice(0, 8)}`);
}

function isSeedTarget(target: Pick<CTarget, 'cSource' | 'cHeader'>): boolean {
  return target.cSource === DEFAULT_C_SOURCE && target.cHeader === CLEAN_ROOM_HEADER;
}

/** Reads the target's two files. @public */
export function mutationSourceOf(target: CTarget): MutationSource {
  const text = readFileSync(target.cSource, 'utf8');
  const sha = sha256(text);
  return {
    label: labelOf(target, sha),
    isSeed: isSeedTarget(target),
    cSource: target.cSource,
    cHeader: target.cHeader,
    text,
    sha256: sha,
    headerSha256: sha256(readFileSync(target.cHeader, 'utf8')),
    era: target.era,
  };
}

/** The base name of a source's reports and state: `c-mutants` for the seed, `c-mutants-<label>` for any other. @public */
export function reportBase(source: Pick<MutationSource, 'label' | 'isSeed'>): string {
  return source.isSeed ? 'c-mutants' : `c-mutants-${source.label}`;
}

/** The flags that name the C source, each with what a report writes instead of its path. */
const PATH_FLAGS: Readonly<Record<string, (label: string) => string>> = {
  '--kernel-tree': (label) => `<${label} tree>`,
  '--c-source': (label) => `<${label} drm_gpuvm.c>`,
  '--c-header': (label) => `<${label} drm_gpuvm.h>`,
};

/**
 * `argv` with the paths of the C source flags replaced by the source's label (`--kernel-tree
 * <v7.0 tree>`): a report says which source it measured without a local path.
 * @public
 */
export function withoutSourcePaths(argv: readonly string[], label: string): string[] {
  return argv.map((a, i) => {
    const eq = /^(--[a-z-]+)=/.exec(a);
    if (eq && PATH_FLAGS[eq[1]!]) return `${eq[1]}=${PATH_FLAGS[eq[1]!]!(label)}`;
    const before = argv[i - 1];
    return before !== undefined && PATH_FLAGS[before] ? PATH_FLAGS[before]!(label) : a;
  });
}
