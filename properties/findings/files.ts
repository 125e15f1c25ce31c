/**
 * Reading a finding's files: its trace, its two transcripts, and what goes upstream (the patch
 * and the KUnit test in `upstream/`).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Request } from '../../src/trace/request.ts';
import { parseTrace } from '../../src/trace/parse.ts';

const DIR = fileURLToPath(new URL('.', import.meta.url));

/** Where a kernel tree keeps the file the patches apply to. @public */
export const KERNEL_PATH = 'drivers/gpu/drm/drm_gpuvm.c';

/** The path of one of a finding's files, e.g. `findingPath('GPUVM-001', 'trace')`. @public */
export function findingPath(id: string, kind: 'trace' | 'actual.transcript' | 'expected.transcript'): string {
  return `${DIR}${id}.${kind}`;
}

/** The finding's kernel patch (`git format-patch` form, against the seed as drivers/gpu/drm/drm_gpuvm.c). @public */
export function patchPath(id: string): string {
  return `${DIR}upstream/${id}.patch`;
}

/** The finding's generated KUnit test (`gpuvm-check export kunit` of its trace). @public */
export function kunitPath(id: string): string {
  return `${DIR}upstream/${id}_test.c`;
}

/** A finding file's path relative to the repository root, as documents and `--json` show it. @public */
export function repoRelative(path: string): string {
  return relative(join(DIR, '../..'), path);
}

/**
 * The upstream files a finding has in the repository (repository-relative): every finding has a
 * patch; code findings have a KUnit test too.
 * @public
 */
export function upstreamFiles(id: string): { patch?: string; kunit?: string } {
  const files: { patch?: string; kunit?: string } = {};
  if (existsSync(patchPath(id))) files.patch = repoRelative(patchPath(id));
  if (existsSync(kunitPath(id))) files.kunit = repoRelative(kunitPath(id));
  return files;
}

/** The subject of a finding's patch (its `Subject:` header, unfolded, without `[PATCH] `). @public */
export function patchSubject(id: string): string {
  const m = /^Subject: (?:\[PATCH\] )?(.*(?:\n [^\n]*)*)/m.exec(readFileSync(patchPath(id), 'utf8'));
  if (!m) throw new Error(`${patchPath(id)} has no Subject: header`);
  return m[1]!.replace(/\n /g, ' ');
}

/** The finding's minimal trace, parsed. @public */
export function findingRequests(id: string): Request[] {
  const path = findingPath(id, 'trace');
  return parseTrace(readFileSync(path, 'utf8'), path).map((p) => p.request);
}

/** A committed transcript of the finding, as lines. @public */
export function findingTranscript(id: string, kind: 'actual' | 'expected'): string[] {
  return readFileSync(findingPath(id, `${kind}.transcript`), 'utf8').split('\n').slice(0, -1);
}

/**
 * Lays out `source` as drivers/gpu/drm/drm_gpuvm.c of a fresh temporary tree, applies the
 * findings' patches there in the order given (`patch -p1`, exact context) and returns the patched
 * file's path.
 * @throws Error with patch's output when a patch does not apply cleanly
 * @public
 */
export function applyFindingPatches(ids: readonly string[], source: string): string {
  const tree = mkdtempSync(join(tmpdir(), `gpuvm-${ids.length === 1 ? ids[0] : 'series'}-`));
  const target = join(tree, KERNEL_PATH);
  mkdirSync(join(tree, 'drivers/gpu/drm'), { recursive: true });
  copyFileSync(source, target);
  for (const id of ids) {
    try {
      execFileSync('patch', ['-p1', '--forward', '--batch', '--silent', '--fuzz=0', '-i', patchPath(id)], { cwd: tree, stdio: 'pipe' });
    } catch (error) {
      const e = error as { stdout?: Buffer; stderr?: Buffer; message: string };
      throw new Error(`${patchPath(id)} does not apply to ${source}: ${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? e.message}`);
    }
  }
  return target;
}

/** {@link applyFindingPatches} for one finding. @public */
export function applyFindingPatch(id: string, source: string): string {
  return applyFindingPatches([id], source);
}
