/**
 * The C driver refused a trace as malformed (exit status 2). Unlike a crash this is an error of
 * the caller, who was supposed to hand over parse-checked traces, so it is thrown.
 */

/** A trace the C driver rejected; `driverMessage` is its `line <n>: <message>`. @public */
export class MalformedTraceError extends Error {
  constructor(
    /** Position of the trace in the `runTraces` argument. */
    readonly traceIndex: number,
    readonly driverMessage: string,
  ) {
    super(`the C driver rejected trace #${traceIndex} as malformed: ${driverMessage}`);
    this.name = 'MalformedTraceError';
  }
}
