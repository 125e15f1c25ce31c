/**
 * Renders the findings registry as FINDINGS.md, the bug report users read, and each finding's
 * KUnit test (upstream/<id>_test.c). Run directly (`npm run findings:publish`) it rewrites them;
 * the test suite checks they are current.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { firstDivergence } from '../../src/backends/transcript.ts';
import { kunitFileFor } from '../../src/export/kunitCommand.ts';
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

function renderFinding(f: Finding): string {
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
    'The upstream status of code findings by era is not listed here: it needs the C backend to build',
    "later eras' sources (`--kernel-tree`), which this version does not have. Doc findings have one.",
    '',
    '# Code findings',
    '',
    ...FINDINGS.map(renderFinding),
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
