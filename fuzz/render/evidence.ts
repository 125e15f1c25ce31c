/**
 * The evidence of a finding, read from its directory (`findings/<signature>/` beside the
 * report) for the report pages: its files, its trace, and the two transcripts to compare,
 * expected against actual. Which is which follows what the campaign checked (fuzz/minimizeTask.ts,
 * `findingFiles`): a contract violation compares the documented contract's transcript (in
 * `expected.txt`) with the backend's that broke it; a disagreement of the backends compares the
 * faithful port's (what C must print where the contract does not decide) with the C code's.
 * Files are read up to a size limit: a finding not yet minimised may hold a long walk.
 */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { StoredFinding } from '../types.ts';

/** The most bytes read of one file; the rest is left to the link. @public */
export const MAX_FILE_BYTES = 256 * 1024;

/** The files a finding directory may hold, in the order the report lists them. @public */
export const FINDING_FILE_NAMES = ['repro.trace', 'expected.txt', 'ts.transcript', 'c.transcript', 'finding.json', 'check.json', 'job.json'] as const;

/** Some text read from a file, and whether the file went on past it. @public */
export interface FileText {
  /** The file's path relative to the report's directory, `/`-separated. */
  readonly href: string;
  readonly text: string;
  readonly truncated: boolean;
}

/** A transcript to compare, and whose it is. @public */
export interface Transcript extends FileText {
  /** Whose transcript it is, e.g. `documented contract (model)`. */
  readonly label: string;
}

/** What a finding's directory holds, for showing. @public */
export interface Evidence {
  /** The directory relative to the report's, `/`-separated, with a trailing `/`. */
  readonly href: string;
  /** The files present, relative to the report's directory. */
  readonly files: readonly { readonly name: string; readonly href: string }[];
  readonly trace: FileText | null;
  /** What was expected: the contract's transcript, or the faithful port's; null when not stored yet. */
  readonly expected: Transcript | null;
  readonly actual: Transcript | null;
  /** What `expected.txt` says when it holds no transcript (the contract does not decide, or why not). */
  readonly expectedNote: string | null;
}

/** Reads at most MAX_FILE_BYTES of `path` (cut at the last whole line when cut). */
function readHead(path: string, href: string): FileText {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(MAX_FILE_BYTES + 1);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    const truncated = n > MAX_FILE_BYTES;
    let text = buffer.subarray(0, Math.min(n, MAX_FILE_BYTES)).toString('utf8');
    if (truncated) text = text.slice(0, text.lastIndexOf('\n') + 1);
    return { href, text, truncated };
  } finally {
    closeSync(fd);
  }
}

/** `expected.txt`: a detail line, then `the documented contract (...) gives:` and its transcript. */
const CONTRACT_GIVES = /^the documented contract \(([^)]*)\) gives:\n/m;

/** The contract's transcript in `expected.txt`, or what the file says instead. */
function splitExpected(file: FileText): { transcript: FileText | null; note: string | null } {
  const match = CONTRACT_GIVES.exec(file.text);
  if (!match) return { transcript: null, note: file.text.trim() };
  const rest = file.text.slice(match.index + match[0].length);
  // The model may not apply (fault injection): then the file says so in parentheses.
  if (rest.startsWith('(')) return { transcript: null, note: rest.trim() };
  return { transcript: { ...file, text: rest }, note: null };
}

/**
 * Reads the directory of `finding` in the campaign directory `reportDir`.
 * @public
 */
export function readEvidence(reportDir: string, finding: StoredFinding): Evidence {
  const rel = `findings/${finding.signature}`;
  const read = (name: string): FileText | null => {
    const path = join(reportDir, 'findings', finding.signature, name);
    return existsSync(path) ? readHead(path, `${rel}/${name}`) : null;
  };
  const files = FINDING_FILE_NAMES.filter((name) => existsSync(join(reportDir, 'findings', finding.signature, name))).map((name) => ({
    name,
    href: `${rel}/${name}`,
  }));
  const ts = read('ts.transcript');
  const c = read('c.transcript');
  const expectedFile = read('expected.txt');
  const { transcript: contract, note } = expectedFile ? splitExpected(expectedFile) : { transcript: null, note: null };
  const port = ts && { ...ts, label: 'faithful TypeScript port (ts.transcript)' };
  const cCode = c && { ...c, label: 'C code (c.transcript)' };
  const model = contract && { ...contract, label: 'documented contract, from the model (expected.txt)' };
  const contractBroken = finding.class === 'invariant';
  return {
    href: `${rel}/`,
    files,
    trace: read('repro.trace'),
    expected: contractBroken ? model : port,
    actual: contractBroken ? (finding.backend === 'c' ? cCode : port) : cCode,
    expectedNote: note,
  };
}
