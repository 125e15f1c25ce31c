import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { firstDivergence } from '../../src/backends/transcript.ts';
import { runRequests } from '../../src/driver/runTrace.ts';
import { findingRequests, findingTranscript } from '../../properties/findings/files.ts';
import { publishedFiles } from '../../properties/findings/publish.ts';
import { FINDINGS } from '../../properties/findings/registry.ts';

const ALL_FIXES = new Set(FINDINGS.map((f) => f.id));

describe.each(FINDINGS.map((f) => [f.id, f] as const))('finding %s', (id, finding) => {
  const requests = findingRequests(id);

  it('reproduces on the faithful port exactly as recorded', () => {
    expect(firstDivergence(runRequests(requests), findingTranscript(id, 'actual'))).toBeNull();
  });

  it('is gone with its own fix selected, giving the expected transcript', () => {
    expect(runRequests(requests, { fixes: new Set([id]) })).toEqual(findingTranscript(id, 'expected'));
  });

  it('is gone with every fix selected', () => {
    expect(runRequests(requests, { fixes: ALL_FIXES })).toEqual(findingTranscript(id, 'expected'));
  });

  it('actually differs between the seed and the contract', () => {
    expect(firstDivergence(findingTranscript(id, 'actual'), findingTranscript(id, 'expected'))).not.toBeNull();
  });

  it('is published in FINDINGS.md', () => {
    expect(readFileSync('FINDINGS.md', 'utf8')).toContain(`## ${id}: ${finding.title}`);
  });
});

it.each([...publishedFiles()].map(([path, text]) => [path.replace(/^.*properties\//, 'properties/'), path, text] as const))(
  '%s is exactly what the registry renders (run `npm run findings:publish`)',
  (_name, path, text) => {
    expect(readFileSync(path, 'utf8')).toBe(text);
  },
);
