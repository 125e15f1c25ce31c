/**
 * Renders the findings registry as FINDINGS.md, the bug report users read, and each finding's
 * KUnit test (upstream/<id>_test.c). Run directly (`npm run findings:publish`) it rewrites them;
 * the test suite checks they are current.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { firstDivergence } from '../../src/backends/transcript.ts';
import { kunitFileFor } from '../../src/export/kunitCommand.ts';
import { findingPath, findingTranscript, kunitPath } from './files.ts';
import type { Finding } from './registry.ts';
import { FINDINGS } from './registry.ts';

function renderFinding(f: Finding): string {
  const trace = readFileSync(findingPath(f.id, 'trace'), 'utf8');
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
    '',
    `Minimal trace (\`properties/findings/${f.id}.trace\`; replay: \`npx gpuvm-check diff properties/findings/${f.id}.trace\`):`,
    '',
    '```',
    trace.trimEnd(),
    '```',
    '',
    `The seed (port and C agree) from the first differing line on, then what the contract demands:`,
    '',
    '```diff',
    ...actual.slice(first).map((l) => `- ${l}`),
    ...expected.slice(first).map((l) => `+ ${l}`),
    '```',
    '',
  ].join('\n');
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
    ...FINDINGS.map(renderFinding),
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
