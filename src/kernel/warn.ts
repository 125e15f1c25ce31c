/**
 * `WARN(condition, fmt, ...)`: the kernel prints a backtrace and goes on; here the message
 * becomes an observable event, because a WARN is part of the behaviour under test.
 */

/** Receives each fired WARN's message, trailing newline removed. @public */
export type WarnSink = (message: string) => void;

/** WARN(): reports `message` through `sink` when `condition` holds, and returns `condition`. @public */
export function warn(sink: WarnSink, condition: boolean, message: string): boolean {
  if (condition) sink(message.replace(/\n$/, ''));
  return condition;
}
