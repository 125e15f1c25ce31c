/**
 * Reads the JSON that `gcov --json-format --stdout` prints (gcc 9 and later; format_version 1)
 * into raw counts of one source file: lines of functions inlined from headers are left out.
 */
import path from 'node:path';
import type { Coverage, FunctionCounts, LineCount } from './coverage.ts';
import { coverageOf } from './coverage.ts';

interface GcovLine {
  readonly line_number: number;
  readonly count: number;
  readonly function_name?: string;
  readonly branches: readonly { readonly count: number }[];
}

interface GcovFunction {
  readonly name: string;
  readonly start_line: number;
  readonly end_line: number;
  readonly execution_count: number;
}

interface GcovFile {
  readonly file: string;
  readonly functions: readonly GcovFunction[];
  readonly lines: readonly GcovLine[];
}

function isGcovDocument(data: unknown): data is { files: GcovFile[] } {
  return typeof data === 'object' && data !== null && Array.isArray((data as { files?: unknown }).files);
}

function enclosing(functions: readonly GcovFunction[], line: number): string {
  const around = functions.filter((f) => f.start_line <= line && line <= f.end_line);
  around.sort((a, b) => a.end_line - a.start_line - (b.end_line - b.start_line));
  return around[0]?.name ?? '';
}

/**
 * The coverage of `source` in a gcov JSON document. `source` matches a file entry by its path,
 * else by its base name.
 * @throws Error when the text is not gcov JSON, or has no entry for the source
 * @public
 */
export function coverageFromGcovJson(text: string, source: string): Coverage {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`gcov printed no JSON: ${(error as Error).message}`);
  }
  if (!isGcovDocument(data)) throw new Error('gcov JSON without "files"');
  const file =
    data.files.find((f) => path.resolve(f.file) === path.resolve(source)) ?? data.files.find((f) => path.basename(f.file) === path.basename(source));
  if (!file) throw new Error(`gcov JSON has no counts for ${source} (files: ${data.files.map((f) => f.file).join(', ') || 'none'})`);
  const lines = new Map<string, LineCount[]>();
  for (const l of file.lines) {
    // gcc before 12 does not name a line's function: the innermost function around it owns it.
    const owner = l.function_name ?? enclosing(file.functions, l.line_number);
    const list = lines.get(owner) ?? [];
    lines.set(owner, list);
    list.push({ line: l.line_number, count: l.count, branches: l.branches.map((b) => b.count) });
  }
  const functions: FunctionCounts[] = file.functions.map((f) => ({
    name: f.name,
    startLine: f.start_line,
    endLine: f.end_line,
    calls: f.execution_count,
    lines: lines.get(f.name) ?? [],
  }));
  return coverageOf(file.file, functions);
}
