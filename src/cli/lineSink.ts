/**
 * Transcript lines on their way out, gathered into large writes: a streamed transcript of
 * millions of lines costs a few hundred writes, and never more than one chunk of memory.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

const CHUNK_CHARS = 256 * 1024;

/** Collects lines and hands them to `write` in chunks. @public */
export class LineSink {
  private chunk = '';

  constructor(
    private readonly write: (text: string) => void,
    private readonly release: () => void = () => undefined,
  ) {}

  /** A sink writing the file `path` (created or truncated). */
  static toFile(path: string): LineSink {
    const fd = openSync(path, 'w');
    return new LineSink(
      (text) => void writeSync(fd, text),
      () => closeSync(fd),
    );
  }

  /** Adds `lines`, each to be followed by a newline. */
  push(lines: readonly string[]): void {
    for (const line of lines) this.chunk += `${line}\n`;
    if (this.chunk.length >= CHUNK_CHARS) this.flush();
  }

  /** Writes what is gathered. */
  flush(): void {
    if (this.chunk === '') return;
    this.write(this.chunk);
    this.chunk = '';
  }

  /** Writes what is gathered and closes the file, if the sink has one. */
  close(): void {
    this.flush();
    this.release();
  }
}
