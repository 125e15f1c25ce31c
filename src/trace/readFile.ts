/**
 * Reading trace files of any length: line by line from disk, request by request to the caller,
 * never the whole file in memory. Bytes are read as latin1 (one character per byte): requests are
 * ASCII, comments may hold anything, and an excerpt of a bad line then shows its bytes as `\xNN`.
 */
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { Request } from './request.ts';
import { MAX_LINE_LENGTH, TraceParseError, TraceParser } from './parse.ts';
import { excerpt } from './excerpt.ts';

const CHUNK_BYTES = 256 * 1024;

/** A file that cannot be read as a trace (missing, a directory, unreadable); names the path. @public */
export class TraceFileError extends Error {
  override name = 'TraceFileError';
}

function describeOpenError(path: string, error: NodeJS.ErrnoException): TraceFileError {
  switch (error.code) {
    case 'ENOENT':
      return new TraceFileError(`${path}: no such file`);
    case 'EISDIR':
      return new TraceFileError(`${path}: is a directory, not a trace file`);
    case 'EACCES':
      return new TraceFileError(`${path}: permission denied`);
    default:
      return new TraceFileError(`${path}: cannot read: ${error.message}`);
  }
}

async function openTrace(path: string): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw describeOpenError(path, error as NodeJS.ErrnoException);
  }
  const stat = await handle.stat();
  if (stat.isDirectory()) {
    await handle.close();
    throw describeOpenError(path, Object.assign(new Error('is a directory'), { code: 'EISDIR' }));
  }
  return handle;
}

/**
 * The lines of a file without their LF, in order, in chunks. A line longer than
 * MAX_LINE_LENGTH (CR of a CRLF end excluded) is refused as soon as it is seen, before it is held.
 */
async function* fileLines(path: string): AsyncGenerator<string[]> {
  const handle = await openTrace(path);
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let partial = '';
    let lineNumber = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      const parts = (partial + buffer.toString('latin1', 0, bytesRead)).split('\n');
      partial = parts.pop()!;
      lineNumber += parts.length;
      yield parts;
      if (partial.length > MAX_LINE_LENGTH + 1) {
        throw new TraceParseError(path, lineNumber + 1, `line longer than ${MAX_LINE_LENGTH} characters: '${excerpt(partial)}'`);
      }
    }
    if (partial !== '') yield [partial];
  } finally {
    await handle.close();
  }
}

/**
 * The requests of a trace file, in batches, parsed as they are read.
 * @throws TraceFileError for a file that cannot be read, TraceParseError at the first bad line
 * @public
 */
export async function* readTraceFile(path: string): AsyncGenerator<Request[]> {
  const parser = new TraceParser(path);
  for await (const lines of fileLines(path)) {
    const requests: Request[] = [];
    for (const raw of lines) {
      const request = parser.next(raw);
      if (request) requests.push(request);
    }
    if (requests.length > 0) yield requests;
  }
}

/**
 * Reads a whole trace file once, to refuse a bad one before anything runs.
 * @returns the number of its requests
 * @throws TraceFileError, TraceParseError, or TraceFileError for a trace without requests
 * @public
 */
export async function checkTraceFile(path: string): Promise<number> {
  let count = 0;
  for await (const requests of readTraceFile(path)) count += requests.length;
  if (count === 0) throw new TraceFileError(`${path}: no requests (empty, or only blank and comment lines)`);
  return count;
}
