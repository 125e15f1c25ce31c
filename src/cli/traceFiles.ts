/**
 * The trace files a command is given: each is read once to refuse it early (file and line named,
 * nothing run), then streamed to the backends. Failures are reported and the next file goes on.
 */
import { TraceParseError } from '../trace/parse.ts';
import { checkTraceFile, TraceFileError } from '../trace/readFile.ts';

/**
 * Checks each of `paths` in turn and hands the good ones, with their number of requests, to
 * `use`; what is wrong with the others goes to `stderr`.
 * @returns whether any file failed its check
 * @public
 */
export async function forEachCheckedTrace(
  paths: readonly string[],
  stderr: (line: string) => void,
  use: (path: string, requests: number) => Promise<void>,
): Promise<boolean> {
  let failed = false;
  for (const path of paths) {
    let requests: number;
    try {
      requests = await checkTraceFile(path);
    } catch (error) {
      if (!(error instanceof TraceParseError || error instanceof TraceFileError)) throw error;
      stderr(error.message);
      failed = true;
      continue;
    }
    await use(path, requests);
  }
  return failed;
}
