/**
 * Running a whole trace on the TypeScript port, with a crash of the port turned into the
 * transcript's last line.
 */
import { crashLine } from '../backends/backend.ts';
import type { Request } from '../trace/request.ts';
import type { TsDriverOptions } from './tsDriver.ts';
import { TsDriver } from './tsDriver.ts';

/** What an exception that escaped the port says, in one line: the analogue of an oops. */
export function portCrashDetail(error: unknown): string {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return detail.split('\n')[0]!;
}

/** The `CRASH` line for an exception that escaped the port. */
export function portCrashLine(error: unknown): string {
  return crashLine(portCrashDetail(error));
}

/**
 * Runs `requests` on a fresh driver and returns the transcript lines; a crash ends them.
 * @public
 */
export function runRequests(requests: readonly Request[], options: TsDriverOptions = {}): string[] {
  const driver = new TsDriver(options);
  for (const req of requests) {
    try {
      driver.execute(req);
    } catch (error) {
      driver.lines.push(portCrashLine(error));
      break;
    }
  }
  return driver.lines;
}
