/**
 * Running a trace of any length on the TypeScript port: requests come in batches, transcript
 * lines go out in batches, and nothing of the trace or the transcript is kept in between.
 */
import type { Request } from '../trace/request.ts';
import { portCrashLine } from './runTrace.ts';
import type { TsDriverOptions } from './tsDriver.ts';
import { TsDriver } from './tsDriver.ts';

/**
 * The transcript of `batches`, one batch of lines per batch of requests; a crash of the port ends
 * it with its `CRASH` line.
 * @public
 */
export async function* streamRequests(batches: AsyncIterable<readonly Request[]>, options: TsDriverOptions = {}): AsyncGenerator<string[]> {
  const driver = new TsDriver(options);
  for await (const batch of batches) {
    for (const req of batch) {
      try {
        driver.execute(req);
      } catch (error) {
        driver.lines.push(portCrashLine(error));
        yield driver.lines.splice(0);
        return;
      }
    }
    yield driver.lines.splice(0);
  }
}
