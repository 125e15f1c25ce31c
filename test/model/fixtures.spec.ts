import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runModel } from '../../model/modelDriver.ts';
import { requestsOf, transcriptOf } from './__helpers__/run.ts';

const FIXTURES = new URL('../fixtures/', import.meta.url);

/** Transcript lines of a fixture file, without WARN lines (the model prints none). */
function expectedLines(path: URL): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('WARN '));
}

describe('model transcripts', () => {
  it('gives exactly the transcript of the example in trace-format.md', () => {
    const trace = 'init 0 0x100000 0 0\nmap 0 0x3000 1 0x10000\nmap 0x1000 0x1000 2 0\n';
    expect(transcriptOf(trace)).toEqual([
      '> init 0x0 0x100000 0x0 0x0',
      'OK',
      '> map 0x0 0x3000 1 0x10000',
      'MAP 0x0 0x3000 1 0x10000',
      'OK',
      '> map 0x1000 0x1000 2 0x0',
      'REMAP prev(0x0 0x1000 1 0x10000) next(0x2000 0x1000 1 0x12000) unmap(0x0 0x3000 1 0x10000 keep=0)',
      'MAP 0x1000 0x1000 2 0x0',
      'OK',
    ]);
  });

  // The doc-case fixtures transcribe the 15 cases of "DOC: Split and Merge" (and the unmap
  // split) into traces with expected transcripts written from the documentation.
  const docCases = readdirSync(new URL('doc-cases/', FIXTURES)).filter((name) => name.endsWith('.trace'));

  it('finds the doc-case fixtures', () => {
    expect(docCases.length).toBeGreaterThanOrEqual(15);
  });

  it.each(docCases)('gives the documented transcript of doc-cases/%s', (name) => {
    const trace = readFileSync(new URL(`doc-cases/${name}`, FIXTURES), 'utf8');
    const expected = expectedLines(new URL(`doc-cases/${name.replace(/\.trace$/, '.transcript')}`, FIXTURES));
    expect(runModel(requestsOf(trace))).toEqual(expected);
  });
});
