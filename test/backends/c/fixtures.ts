/**
 * The hand-checked C fixtures, `test/fixtures/c/<name>.trace` with `<name>.transcript`: each
 * transcript was derived by reading the seed, line by line, not by running it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../../src/backends/c/paths.ts';

/** Where the fixtures live. */
export const FIXTURE_DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'c');

/** A trace and the transcript it must produce on the plain (unsanitized) C build. */
export interface Fixture {
  readonly name: string;
  readonly trace: string;
  readonly transcript: readonly string[];
}

/** Transcript text → lines, without the final newline. */
export function transcriptLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** All fixtures, sorted by name. */
export function loadFixtures(): Fixture[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.trace'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.trace'.length);
      return {
        name,
        trace: readFileSync(path.join(FIXTURE_DIR, f), 'utf8'),
        transcript: transcriptLines(readFileSync(path.join(FIXTURE_DIR, `${name}.transcript`), 'utf8')),
      };
    });
}

/** One fixture by name. */
export function fixture(name: string): Fixture {
  const found = loadFixtures().find((f) => f.name === name);
  if (!found) throw new Error(`no fixture ${name} in ${FIXTURE_DIR}`);
  return found;
}

/**
 * A line as the trace format compares it: a `CRASH` line by its first word only (the detail
 * differs between a plain build's signal and a sanitizer's report).
 */
export function comparable(lines: readonly string[]): string[] {
  return lines.map((l) => (l === 'CRASH' || l.startsWith('CRASH ') ? 'CRASH' : l));
}
