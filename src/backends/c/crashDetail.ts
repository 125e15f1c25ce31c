/**
 * The `<detail>` of a C backend's `CRASH <detail>` line, read from how the driver died: the
 * sanitizer's first report line if there is one (it names the real fault, while the process may
 * only exit 1 or abort), else the fatal signal, else the exit status.
 */
import { constants } from 'node:os';
import path from 'node:path';
import type { DriverExit } from './driverProcess.ts';

/** Short names, as in `CRASH asan: …`. */
const SANITIZER_NAMES: Readonly<Record<string, string>> = {
  Address: 'asan',
  Leak: 'leak',
  UndefinedBehavior: 'ubsan',
  Memory: 'msan',
  Thread: 'tsan',
};

const ASAN_ERROR = /ERROR: (\w+)Sanitizer: (.*)$/;
const UBSAN_ERROR = /^(.*?): runtime error: (.*)$/;
const LEAK_SUMMARY = /SUMMARY: \w+Sanitizer: (\d+) byte\(s\) leaked in (\d+) allocation\(s\)/;
const LEAK_RECORD = /^(?:Direct|Indirect) leak of (\d+) byte\(s\) in (\d+) object\(s\)/;

/**
 * `asan: heap-use-after-free`, `ubsan: <what> (<file>:<line>)`, `signal 11 (SIGSEGV)` or
 * `exit <code>`.
 * @public
 */
export function crashDetail(exit: DriverExit): string {
  for (const line of exit.stderr.split('\n')) {
    const asan = ASAN_ERROR.exec(line);
    if (asan) return `${SANITIZER_NAMES[asan[1]!] ?? asan[1]!.toLowerCase()}: ${sanitizerKind(asan[2]!)}`;
    const ubsan = UBSAN_ERROR.exec(line);
    if (ubsan) return `ubsan: ${ubsan[2]!.trim()} (${sourceLocation(ubsan[1]!)})`;
  }
  if (exit.signal) return `signal ${constants.signals[exit.signal] ?? '?'} (${exit.signal})`;
  return `exit ${exit.code ?? '?'}`;
}

/** "heap-use-after-free on address 0x…" → "heap-use-after-free"; "SEGV on unknown …" → "SEGV". */
function sanitizerKind(text: string): string {
  return text.replace(/ on (?:address|unknown address|0x).*$/, '').replace(/[:\s]+$/, '');
}

/** "/abs/path/drm_gpuvm.c:797:2" → "drm_gpuvm.c:797". */
function sourceLocation(where: string): string {
  const match = /^(.*?):(\d+)(?::\d+)?$/.exec(where.trim());
  return match ? `${path.basename(match[1]!)}:${match[2]!}` : where.trim();
}

/**
 * `leak: <bytes> bytes in <n> allocations` from a LeakSanitizer report, totalled over its
 * records if the summary line is missing.
 * @public
 */
export function leakDetail(stderr: string): string {
  const summary = LEAK_SUMMARY.exec(stderr);
  if (summary) return `leak: ${summary[1]!} bytes in ${summary[2]!} allocations`;
  let bytes = 0;
  let count = 0;
  for (const line of stderr.split('\n')) {
    const record = LEAK_RECORD.exec(line.trim());
    if (record) {
      bytes += Number(record[1]);
      count += Number(record[2]);
    }
  }
  return `leak: ${bytes} bytes in ${count} allocations`;
}
