import { describe, expect, it } from 'vitest';
import { coverageFromGcovJson } from '../../src/coverage/gcovJson.ts';

/** gcov --json-format's shape (format_version 1), cut down to what is read. */
const doc = (lines: object[], file = '/src/tiny.c') =>
  JSON.stringify({
    format_version: '1',
    gcc_version: '12.2.0',
    files: [
      {
        file: '/inc/helper.h',
        functions: [{ name: 'helper', start_line: 1, end_line: 3, execution_count: 9 }],
        lines: [{ line_number: 2, count: 9, function_name: 'helper', branches: [] }],
      },
      {
        file,
        functions: [
          { name: 'main', start_line: 10, end_line: 20, execution_count: 1 },
          { name: 'unused', start_line: 30, end_line: 32, execution_count: 0 },
        ],
        lines,
      },
    ],
  });

describe('coverageFromGcovJson', () => {
  it('takes the source file only, with its lines and branches per function', () => {
    const c = coverageFromGcovJson(
      doc([
        { line_number: 11, count: 1, function_name: 'main', branches: [{ count: 1, fallthrough: true }, { count: 0, fallthrough: false }] },
        { line_number: 12, count: 0, function_name: 'main', branches: [] },
        { line_number: 31, count: 0, function_name: 'unused', branches: [] },
      ]),
      '/src/tiny.c',
    );
    expect(c.file).toBe('/src/tiny.c');
    expect(c.functions.map((f) => [f.name, f.calls, f.counts])).toEqual([
      ['main', 1, ['11 1 1,0', '12 0']],
      ['unused', 0, ['31 0']],
    ]);
    expect(c.lines).toEqual({ hit: 1, total: 3 });
    expect(c.branches).toEqual({ hit: 1, total: 2 });
  });

  it("gives a line without a function name (gcc before 12) to the function around it", () => {
    const c = coverageFromGcovJson(doc([{ line_number: 31, count: 4, branches: [] }]), '/src/tiny.c');
    expect(c.functions.find((f) => f.name === 'unused')!.counts).toEqual(['31 4']);
  });

  it('finds the source by base name when gcov names it by another path', () => {
    expect(coverageFromGcovJson(doc([], 'build/../src/tiny.c'), '/elsewhere/tiny.c').file).toBe('build/../src/tiny.c');
  });

  it('says what is wrong with what gcov printed', () => {
    expect(() => coverageFromGcovJson('not json', 'x.c')).toThrow(/gcov printed no JSON/);
    expect(() => coverageFromGcovJson('{}', 'x.c')).toThrow(/without "files"/);
    expect(() => coverageFromGcovJson(doc([]), '/src/other.c')).toThrow(/no counts for \/src\/other.c \(files: \/inc\/helper.h, \/src\/tiny.c\)/);
  });
});
