/**
 * Which doc findings each kernel era still has, by the text of its drm_gpuvm.c (a doc finding is
 * present where its `marker` matches). The result for the trees on this machine is committed as
 * `doc-eras.json` (kernel sources themselves never are) and rendered into FINDINGS.md.
 *
 * Run: `npm run findings:doc-eras -- [TREE...]` (default: `$GPUVM_KERNEL_TREES`, colon-separated,
 * else every directory of /work/trees); each tree has `drivers/gpu/drm/drm_gpuvm.c`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KERNEL_PATH } from './files.ts';
import { DOC_FINDINGS } from './registry.ts';

/** One era's result. @public */
export interface DocEra {
  /** The tree's directory name, e.g. `v6.18`. */
  readonly era: string;
  /** `git hash-object` of its drm_gpuvm.c, so the result names the exact file. */
  readonly blob: string;
  /** The ids of the doc findings present in it. */
  readonly present: readonly string[];
}

/** Where the committed result lives. @public */
export const DOC_ERAS_PATH = fileURLToPath(new URL('doc-eras.json', import.meta.url));

/** The git blob id of a file's content. @public */
export function blobId(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

/** The doc findings present in one drm_gpuvm.c. @public */
export function docFindingsIn(source: string): string[] {
  return DOC_FINDINGS.filter((f) => f.marker.test(source)).map((f) => f.id);
}

/** The result for some kernel trees, in the order given. @public */
export function docEras(trees: readonly string[]): DocEra[] {
  return trees.map((tree) => {
    const content = readFileSync(join(tree, KERNEL_PATH));
    return { era: basename(tree), blob: blobId(content), present: docFindingsIn(content.toString('utf8')) };
  });
}

/** The committed result. @public */
export function committedDocEras(): DocEra[] {
  return JSON.parse(readFileSync(DOC_ERAS_PATH, 'utf8')) as DocEra[];
}

/** The trees named by `$GPUVM_KERNEL_TREES`, else the directories of /work/trees that hold a source. @public */
export function defaultTrees(): string[] {
  const env = process.env.GPUVM_KERNEL_TREES;
  if (env) return env.split(':').filter(Boolean);
  const root = '/work/trees';
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .map((d) => join(root, d))
    .filter((d) => existsSync(join(d, KERNEL_PATH)))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const trees = process.argv.length > 2 ? process.argv.slice(2) : defaultTrees();
  if (trees.length === 0) throw new Error('no kernel tree given (arguments, $GPUVM_KERNEL_TREES or /work/trees)');
  writeFileSync(DOC_ERAS_PATH, `${JSON.stringify(docEras(trees), null, 2)}\n`);
}
