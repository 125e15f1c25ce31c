/**
 * What every backend offers: run canonical trace texts, return one transcript per trace.
 *
 * A transcript is the list of its lines without newlines, exactly as `../shared/trace-format.md`
 * prints them. A backend that dies on a trace ends that trace's transcript with a `CRASH <detail>`
 * line and goes on with the next trace: a crash is a result, never an exception of `runTraces`.
 * @public
 */
export interface Backend {
  /** `ts` or `c`, as accepted by `--backend`. */
  readonly name: string;
  /**
   * Runs each trace on a fresh VA space and returns the transcripts in the same order.
   * @param traces - trace texts (the TS side always passes canonical, parse-checked text)
   */
  runTraces(traces: readonly string[]): Promise<string[][]>;
  /** Releases processes or other resources; the backend is unusable afterwards. */
  close(): Promise<void>;
}

/** Prefix of the line that ends a transcript whose backend died. @public */
export const CRASH_PREFIX = 'CRASH';

/** The line `CRASH <detail>` that ends a transcript, for every backend. @public */
export function crashLine(detail: string): string {
  return `${CRASH_PREFIX} ${detail}`;
}
