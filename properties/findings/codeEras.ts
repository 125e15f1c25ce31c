/**
 * Which code findings each kernel era still has: `gpuvm-check findings --kernel-tree` over the
 * trees on this machine (the C backend builds each tree's own drm_gpuvm.c with its header and
 * judges it in its era). Kernel sources are never committed, so the measured result is, as
 * `code-eras.json`, and rendered into FINDINGS.md.
 *
 * Run: `npm run findings:code-eras -- [TREE[=HEADER]...]` (default: `$GPUVM_KERNEL_TREES`,
 * colon-separated, else every directory of /work/trees with a drm_gpuvm.c). `TREE=HEADER`
 * compiles a tree that has no `include/drm/drm_gpuvm.h` with another one, and says so in the
 * label; such a tree given without a header is skipped, as is one that does not build (both
 * reported on stderr).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend } from '../../src/backends/create.ts';
import { buildDriver } from '../../src/backends/c/build.ts';
import { resolveCTarget, TREE_HEADER } from '../../src/backends/c/cTarget.ts';
import { NativeBuildError } from '../../src/backends/c/nativeBuildError.ts';
import { blobId, defaultTrees } from './docEras.ts';
import { KERNEL_PATH } from './files.ts';
import { replayFindings } from './replay.ts';

/** One code finding's verdict in one tree. @public */
export interface CodeEraStatus {
  readonly status: 'present' | 'fixed';
  readonly judgedBy: 'contract' | 'transcript';
  readonly invariant: string | null;
}

/** One tree's result. @public */
export interface CodeEra {
  /** The tree's directory name, e.g. `v6.18`, with the header's tree when it is another's. */
  readonly tree: string;
  /** The era detected in its source and header, e.g. `v6.18`. */
  readonly era: string;
  /** `git hash-object` of its drm_gpuvm.c, so the result names the exact file. */
  readonly blob: string;
  /** Every code finding's verdict, by id. */
  readonly findings: Readonly<Record<string, CodeEraStatus>>;
}

/** Where the committed result lives. @public */
export const CODE_ERAS_PATH = fileURLToPath(new URL('code-eras.json', import.meta.url));

/** The command that recomputes one tree's row. @public */
export const CODE_ERA_COMMAND = 'npx gpuvm-check findings --kernel-tree <tree>';

/** A tree to check, with the header it is compiled with when not its own. @public */
export interface TreeSpec {
  readonly dir: string;
  readonly header: string | null;
}

function treeSpec(arg: string): TreeSpec {
  const at = arg.indexOf('=');
  return at < 0 ? { dir: arg, header: null } : { dir: arg.slice(0, at), header: arg.slice(at + 1) };
}

/** The label of a header: the tree it belongs to (`…/<tree>/include/drm/drm_gpuvm.h`), else its path. */
function headerLabel(header: string): string {
  return header.endsWith(TREE_HEADER) ? basename(header.slice(0, -TREE_HEADER.length - 1)) : header;
}

/**
 * One tree's result, or null (with the reason on `err`) when it has no header or does not build.
 * @public
 */
export async function codeEra(spec: TreeSpec, err: (line: string) => void): Promise<CodeEra | null> {
  const source = join(spec.dir, KERNEL_PATH);
  if (spec.header === null && !existsSync(join(spec.dir, TREE_HEADER))) {
    err(`${spec.dir}: no ${TREE_HEADER}; skipped (give ${spec.dir}=<header> to pair it with another)`);
    return null;
  }
  const target = resolveCTarget(spec.header === null ? { kernelTree: spec.dir } : { cSource: source, cHeader: spec.header }, {});
  try {
    await buildDriver({ target, sanitize: false });
  } catch (error) {
    if (!(error instanceof NativeBuildError)) throw error;
    err(`${spec.dir}: does not build; skipped: ${error.message.split('\n')[0]}`);
    return null;
  }
  const c = await createBackend('c', { cTarget: target });
  try {
    const statuses = await replayFindings(c, { era: target.era });
    return {
      tree: spec.header === null ? basename(spec.dir) : `${basename(spec.dir)} (header of ${headerLabel(spec.header)})`,
      era: target.era.label,
      blob: blobId(readFileSync(source)),
      findings: Object.fromEntries(statuses.map((s) => [s.finding.id, { status: s.status, judgedBy: s.judgedBy, invariant: s.invariant }])),
    };
  } finally {
    await c.close();
  }
}

/** The committed result. @public */
export function committedCodeEras(): CodeEra[] {
  return JSON.parse(readFileSync(CODE_ERAS_PATH, 'utf8')) as CodeEra[];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const specs = process.argv.length > 2 ? process.argv.slice(2).map(treeSpec) : defaultTrees().map((dir) => ({ dir, header: null }));
  if (specs.length === 0) throw new Error('no kernel tree given (arguments, $GPUVM_KERNEL_TREES or /work/trees)');
  const eras: CodeEra[] = [];
  for (const spec of specs) {
    const era = await codeEra(spec, (line) => console.error(line));
    if (era) {
      eras.push(era);
      console.error(`${era.tree}: ${era.era} era, ${Object.values(era.findings).filter((f) => f.status === 'present').length} present`);
    }
  }
  writeFileSync(CODE_ERAS_PATH, `${JSON.stringify(eras, null, 2)}\n`);
  console.error(`wrote ${CODE_ERAS_PATH}`);
}
