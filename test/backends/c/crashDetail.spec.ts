/**
 * Reading a dead driver's exit into the `CRASH <detail>` text.
 */
import { describe, expect, test } from 'vitest';
import { crashDetail, leakDetail } from '../../../src/backends/c/crashDetail.ts';

const exit = (stderr: string, code: number | null = 1, signal: NodeJS.Signals | null = null) => ({ code, signal, stderr });

describe('crashDetail', () => {
  test('a plain fatal signal', () => {
    expect(crashDetail(exit('', null, 'SIGSEGV'))).toBe('signal 11 (SIGSEGV)');
    expect(crashDetail(exit('', null, 'SIGABRT'))).toBe('signal 6 (SIGABRT)');
  });

  test('AddressSanitizer reports by kind', () => {
    expect(
      crashDetail(exit('\n=====\n==1==ERROR: AddressSanitizer: heap-use-after-free on address 0x602000000014 at pc 0x1\nREAD of size 4')),
    ).toBe('asan: heap-use-after-free');
    expect(crashDetail(exit('==7==ERROR: AddressSanitizer: SEGV on unknown address 0x000000000020 (pc 0x5 T0)'))).toBe(
      'asan: SEGV',
    );
    expect(crashDetail(exit('==7==ERROR: AddressSanitizer: attempting double-free on 0x602000000010 in thread T0:'))).toBe(
      'asan: attempting double-free',
    );
  });

  test('UBSan reports with the place, even though the process died of SIGABRT', () => {
    expect(
      crashDetail(
        exit("/w/seed/drm_gpuvm.c:778:2: runtime error: member access within null pointer of type 'struct drm_gpuvm'\n", null, 'SIGABRT'),
      ),
    ).toBe("ubsan: member access within null pointer of type 'struct drm_gpuvm' (drm_gpuvm.c:778)");
  });

  test('anything else is the exit status', () => {
    expect(crashDetail(exit('', 3))).toBe('exit 3');
  });
});

describe('leakDetail', () => {
  test('from the summary line', () => {
    expect(leakDetail('==1==ERROR: LeakSanitizer: detected memory leaks\n\nSUMMARY: AddressSanitizer: 40 byte(s) leaked in 2 allocation(s).\n')).toBe(
      'leak: 40 bytes in 2 allocations',
    );
  });

  test('from the records when the summary is missing', () => {
    expect(
      leakDetail('Direct leak of 16 byte(s) in 1 object(s) allocated from:\n  #0 x\nIndirect leak of 8 byte(s) in 2 object(s) allocated from:\n'),
    ).toBe('leak: 24 bytes in 3 allocations');
  });
});
