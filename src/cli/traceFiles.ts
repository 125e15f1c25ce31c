/**
 * The trace files a command is given: each is read once to refuse it early (file and line named,
 * nothing run), then streamed to the backends. Failures are reported and the next file goes on.
 */
import { TraceParseError } from '../trace/parse.ts';
import { checkTraceFile, TraceFileError } from '../trace/readFile.ts';

/**
 * Checks `path`; returns its number of requests, or null after reporting what is wrong on
 * `stderr`.
 * @public
 */
export async function checkedTrace(path: string, stderr: (line: string) => void): Promise<number | null> {
  try {
    return await checkTraceFile(path);
  } catch (error) {
    if (error instanceof TraceParseError || error instanceof TraceFileError) {
      stderr(error.message);
      return null;
    }
    throw error;
  }
}
