import { readdirSync, readFileSync } from 'node:fs';
import { EXAMPLE_TRACE, EXAMPLE_TRANSCRIPT } from '../__helpers__/formatExample.ts';
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
    expect(transcriptOf(EXAMPLE_TRACE)).toEqual(EXAMPLE_TRANSCRIPT);
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
