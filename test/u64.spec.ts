import { describe, expect, it } from 'vitest';
import { add, assertU64, checkAddOverflow, hex, sub, U64_MAX } from '../src/u64.ts';

describe('u64', () => {
  it('wraps addition and subtraction modulo 2^64 like C', () => {
    expect(add(U64_MAX, 1n)).toBe(0n);
    expect(add(U64_MAX, U64_MAX)).toBe(U64_MAX - 1n);
    expect(sub(0n, 1n)).toBe(U64_MAX);
    expect(sub(5n, 7n)).toBe(U64_MAX - 1n);
    expect(add(2n, 3n)).toBe(5n);
  });

  it('reports check_add_overflow exactly when the sum needs 65 bits', () => {
    expect(checkAddOverflow(U64_MAX, 0n)).toBe(false);
    expect(checkAddOverflow(U64_MAX, 1n)).toBe(true);
    expect(checkAddOverflow(1n << 63n, 1n << 63n)).toBe(true);
    expect(checkAddOverflow((1n << 63n) - 1n, 1n << 63n)).toBe(false);
  });

  it('throws a RangeError naming the parameter for values outside 0..2^64-1', () => {
    expect(() => assertU64('addr', -1n)).toThrow(RangeError);
    expect(() => assertU64('addr', U64_MAX + 1n)).toThrow(/addr must be a u64/);
    expect(assertU64('addr', U64_MAX)).toBe(U64_MAX);
  });

  it('prints lowercase 0x hex', () => {
    expect(hex(0n)).toBe('0x0');
    expect(hex(0xabcdefn)).toBe('0xabcdef');
    expect(hex(U64_MAX)).toBe('0xffffffffffffffff');
  });
});
