/**
 * The example of `../shared/trace-format.md`, kept once as fixture files, for every test that
 * checks a backend against it.
 */
import { readFileSync } from 'node:fs';

/** The example trace text. */
export const EXAMPLE_TRACE = readFileSync('test/fixtures/traces/format-example.trace', 'utf8');

/** Its transcript, as lines. */
export const EXAMPLE_TRANSCRIPT: readonly string[] = readFileSync('test/fixtures/traces/format-example.transcript', 'utf8')
  .split('\n')
  .slice(0, -1);
