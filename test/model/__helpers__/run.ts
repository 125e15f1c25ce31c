/**
 * Running trace text on the reference model, for hand-written examples.
 */
import { ModelDriver } from '../../../model/modelDriver.ts';
import { parseTrace } from '../../../src/trace/parse.ts';
import type { Request } from '../../../src/trace/request.ts';

/** The requests of a trace text (comments and blank lines allowed). */
export function requestsOf(text: string): Request[] {
  return parseTrace(text).map((p) => p.request);
}

/** A model driver that has run `text`. */
export function driverAfter(text: string): ModelDriver {
  const driver = new ModelDriver();
  for (const req of requestsOf(text)) driver.execute(req);
  return driver;
}

/** The whole expected transcript of `text`. */
export function transcriptOf(text: string): string[] {
  return driverAfter(text).lines;
}

/**
 * The result lines of the last request of `text` (its echo line excluded), to test one rule
 * after a set-up.
 */
export function resultOfLast(text: string): string[] {
  const lines = transcriptOf(text);
  let echo = lines.length - 1;
  while (echo >= 0 && !lines[echo]!.startsWith('> ')) echo--;
  return lines.slice(echo + 1);
}
