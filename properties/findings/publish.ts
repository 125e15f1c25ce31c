/**
 * Renders the findings registry as FINDINGS.md, the bug report users read, and each finding's
 * KUnit test (upstream/<id>_test.c). Run directly (`npm run findings:publish`) it rewrites them;
 * the test suite checks they are current.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { firstDivergence } from '../../src/backends/transcript.ts';
import { kunitFileFor } from '../../src/export/kunitCommand.ts';
import { CODE_ERA_COMMAND, committedCodeEras } from './codeEras.ts';
import type { CodeEra } from './codeEras.ts';
import { committedDocEras } from './docEras.ts';
import { findingPath, findingTranscript, kunitPath, patchPath, patchSubject, repoRelative } from './files.ts';
import type { DocFinding, Finding } from './registry.ts';
import { DOC_FINDINGS, FINDINGS } from './registry.ts';

const codeBlock = (lines: readonly string[], lang = ''): string[] => [`\`\`\`${lang}`, ...lines, '```'];

function traceLines(id: string): string[] {
  return readFileSync(findingPath(id, 'trace'), 'utf8').trimEnd().split('\n');
}

/** The "Upstream" part of a finding: its patch and, for code findings, its KUnit test. */
function renderUpstream(id: string, kunit: boolean): string[] {
  const patch = repoRelative(patchPath(id));
  const lines = [
    `- **Patch:** [\`${patch}\`](${patch}): "${patchSubject(id)}" (\`git format-patch\` form against the seed as ` +
      `\`drivers/gpu/drm/drm_gpuvm.c\`; in a kernel tree: \`git am ${patch}\` or \`patch -p1 < ${patch}\`)`,
  ];
  if (kunit) {
    const test = repoRelative(kunitPath(id));
    lines.push(
      `- **KUnit test:** [\`${test}\`](${test}), for \`drivers/gpu/drm/tests/\` (generated: ` +
        `\`npx gpuvm-check export kunit properties/findings/${id}.trace\`); it fails on the seed and passes with the patch`,
    );
  }
  return lines;
}

/** `v6.8 era: t1, t2; v6.18 era: t3`: the trees in order, grouped by runs of one era. */
function treesByEra(eras: readonly CodeEra[]): string {
  const runs: { era: string; trees: string[] }[] = [];
  for (const e of eras) {
    const last = runs.at(-1);
    if (last?.era === e.era) last.trees.push(e.tree);
    else runs.push({ era: e.era, trees: [e.tree] });
  }
  return runs.map((r) => `${r.era} era: ${r.trees.join(', ')}`).join('; ');
}

/** A code finding's status in each committed era: where it is present, where fixed. */
function renderFindingEras(id: string, eras: readonly CodeEra[]): string {
  const present = eras.filter((e) => e.findings[id]?.status === 'present');
  const fixed = eras.filter((e) => e.findings[id]?.status === 'fixed');
  const parts = [
    present.length > 0 ? `present in ${present.length === eras.length ? `all ${eras.length} trees checked` : `${present.length} of ${eras.length} trees checked`} (${treesByEra(present)})` : null,
    fixed.length > 0 ? `fixed in ${fixed.length} (${treesByEra(fixed)})` : null,
  ].filter((p) => p !== null);
  return `- **Upstream status by era:** ${parts.join('; ')}; check a tree: \`${CODE_ERA_COMMAND}\` (table: [below](#code-findings-upstream-status-by-era))`;
}

function renderFinding(f: Finding, eras: readonly CodeEra[]): string {
  const actual = findingTranscript(f.id, 'actual');
  const expected = findingTranscript(f.id, 'expected');
  const first = firstDivergence(actual, expected)?.index ?? 0;
  return [
    `## ${f.id}: ${f.title}`,
    '',
    `- **Where:** \`drm_gpuvm.c\` ${f.seedLines}`,
    `- **Expected:** ${f.expected}`,
    `- **Actual:** ${f.actual}`,
    `- **Why:** ${f.explanation}`,
    `- **Fix:** ${f.fix} (the port's corrected variant: \`fixes: new Set(['${f.id}'])\`)`,
    ...renderUpstream(f.id, true),
    renderFindingEras(f.id, eras),
    `- **Replay:** \`npx gpuvm-check diff properties/findings/${f.id}.trace\` (port vs C on the seed); on a patched ` +
      `source: \`npx gpuvm-check run --backend c --c-source <patched drm_gpuvm.c> properties/findings/${f.id}.trace\` ` +
      `prints \`properties/findings/${f.id}.expected.transcript\``,
    '',
    `Minimal trace (\`properties/findings/${f.id}.trace\`):`,
    '',
    ...codeBlock(traceLines(f.id)),
    '',
    `The seed (port and C agree) from the first differing line on, then what the contract demands:`,
    '',
    ...codeBlock([...actual.slice(first).map((l) => `- ${l}`), ...expected.slice(first).map((l) => `+ ${l}`)], 'diff'),
    '',
  ].join('\n');
}

function renderDocFinding(f: DocFinding): string {
  const evidence = f.evidence.trace
    ? [
        `- **Evidence:** \`properties/findings/${f.id}.trace\` (replay: \`npx gpuvm-check diff properties/findings/${f.id}.trace\`; ` +
          'port and C agree), and what the seed prints for it:',
        '',
        ...codeBlock(traceLines(f.id)),
        '',
        ...codeBlock(findingTranscript(f.id, 'actual')),
      ]
    : [`- **Evidence:** no trace: ${f.evidence.why}.`];
  return [
    `## ${f.id}: ${f.title}`,
    '',
    `- **Where:** \`drm_gpuvm.c\` ${f.seedLines}`,
    `- **The doc says:** ${f.claim}`,
    `- **The code does:** ${f.code}`,
    `- **Doc fix:** ${f.docFix}`,
    ...renderUpstream(f.id, false),
    ...evidence,
    '',
  ].join('\n');
}

/** The code findings' verdicts in each era's source, from the committed code-eras.json. */
function renderCodeEras(eras: readonly CodeEra[]): string[] {
  const cell = (e: CodeEra, id: string): string => {
    const v = e.findings[id];
    return v === undefined ? '-' : v.status === 'fixed' ? 'fixed' : v.invariant === null ? 'present' : `present (${v.invariant})`;
  };
  return [
    '## Code findings: upstream status by era',
    '',
    'Whether each code finding is still present in the `drm_gpuvm.c` of later kernel eras, as',
    `\`${CODE_ERA_COMMAND}\` reports it: the C backend builds the tree's own source with its own`,
    "header, detects its era, and judges each finding's trace by that era's contract (the invariant",
    "broken is named) or, where the model does not speak (fault injection, a crash), by the transcript",
    "of the port of that era with the finding's fix. Recomputed by `npm run findings:code-eras` from",
    'kernel trees kept outside the repository; era labels are the names of the trees checked, the blob',
    'id names each exact file. A tree without its own header is paired with another\'s and labelled so;',
    'a tree that does not build here (linux-next-mm, at the time of writing) is left out.',
    '',
    `| tree | era | drm_gpuvm.c blob | ${FINDINGS.map((f) => f.id).join(' | ')} |`,
    `| --- | --- | --- | ${FINDINGS.map(() => '---').join(' | ')} |`,
    ...eras.map((e) => `| ${e.tree} | ${e.era} | \`${e.blob.slice(0, 12)}\` | ${FINDINGS.map((f) => cell(e, f.id)).join(' | ')} |`),
    '',
  ];
}

/** The doc findings' presence in each era's source, from the committed doc-eras.json. */
function renderDocEras(): string[] {
  const eras = committedDocEras();
  return [
    '## Doc findings: upstream status by era',
    '',
    'Whether the wrong text of each doc finding is still in the `drm_gpuvm.c` of later kernel eras',
    "(matched by the finding's `marker` in `properties/findings/registry.ts`; recomputed by",
    '`npm run findings:doc-eras` from kernel trees kept outside the repository). Era labels are the',
    "names of the trees checked; the blob id names each exact file. `present`: the text is there.",
    '',
    `| era | drm_gpuvm.c blob | ${DOC_FINDINGS.map((f) => f.id).join(' | ')} |`,
    `| --- | --- | ${DOC_FINDINGS.map(() => '---').join(' | ')} |`,
    ...eras.map((e) => `| ${e.era} | \`${e.blob.slice(0, 12)}\` | ${DOC_FINDINGS.map((f) => (e.present.includes(f.id) ? 'present' : 'gone')).join(' | ')} |`),
    '',
  ];
}

/** The full text of FINDINGS.md. @public */
export function renderFindings(): string {
  const codeEras = committedCodeEras();
  return [
    '# Findings',
    '',
    'Defects of the seed `../shared/seed/drm_gpuvm.c` (upstream blob b80d4e1c) found by',
    'gpuvm-check. Each reproduces identically on the faithful TypeScript port and on the real C',
    'code, and disappears on the port with its fix selected; CI replays every one of them.',
    'Generated from `properties/findings/registry.ts` by `npm run findings:publish`.',
    '',
    'Every code finding comes with a kernel patch and a KUnit regression test in',
    '`properties/findings/upstream/`, both verified here (`test/properties/findings/upstream.spec.ts`):',
    'the patch applies to the seed laid out as `drivers/gpu/drm/drm_gpuvm.c`, the patched C prints the',
    "finding's expected transcript, the KUnit test (built in userspace against `native/` and",
    '`native/kunit/`) fails on the seed and passes on the patched source, and a differential campaign',
    "(`npm run findings:check-patches`) finds the patched C identical to the port with that finding's fix.",
    'Every patch applies to the seed on its own, and all of them (doc patches included) apply as one',
    'series in id order (`git am properties/findings/upstream/GPUVM-*.patch`), leaving no finding.',
    'Each finding says in which later kernel eras it is still present (measured on kernel trees with',
    '`gpuvm-check findings --kernel-tree`; tables at the end of each part).',
    '',
    '# Code findings',
    '',
    ...FINDINGS.map((f) => renderFinding(f, codeEras)),
    ...renderCodeEras(codeEras),
    '# Doc findings',
    '',
    'Places where the kerneldoc of the seed says something its code does not do, and the code is',
    'right. Each has a documentation patch in `properties/findings/upstream/`. The sweep of every',
    'exported function and DOC section that found them is `docs/contract.md`.',
    '',
    ...DOC_FINDINGS.map(renderDocFinding),
    ...renderDocEras(),
  ].join('\n');
}

/** Every generated file: FINDINGS.md and each finding's KUnit test, by path. @public */
export function publishedFiles(): Map<string, string> {
  const files = new Map([['FINDINGS.md', renderFindings()]]);
  for (const f of FINDINGS) files.set(kunitPath(f.id), kunitFileFor([findingPath(f.id, 'trace')]));
  return files;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const [path, text] of publishedFiles()) writeFileSync(path, text);
}
