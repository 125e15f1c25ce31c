/**
 * Reading a finding's files: its trace and its two transcripts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Request } from '../../src/trace/request.ts';
import { parseTrace } from '../../src/trace/parse.ts';

const DIR = fileURLToPath(new URL('.', import.meta.url));

/** The path of one of a finding's files, e.g. `findingPath('GPUVM-001', 'trace')`. @public */
export function findingPath(id: string, kind: 'trace' | 'actual.transcript' | 'expected.transcript'): string {
  return `${DIR}${id}.${kind}`;
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
