/**
 * u64 arithmetic with C semantics on bigint.
 *
 * The seed computes `addr + range - 1`, `start - 1` and `end + 1` in u64 and lets them wrap; the
 * port must wrap in exactly the same places, and only there, so every wrapping site calls `add`
 * or `sub` by name instead of masking ad hoc.
 */

/** 2^64 - 1, the largest u64. @public */
export const U64_MAX = (1n << 64n) - 1n;

/** `a + b` modulo 2^64, as C adds two u64. @public */
export function add(a: bigint, b: bigint): bigint {
  // asUintN rather than `& U64_MAX`: V8 compiles it to 64-bit machine arithmetic.
  return BigInt.asUintN(64, a + b);
}

/** `a - b` modulo 2^64, as C subtracts two u64. @public */
export function sub(a: bigint, b: bigint): bigint {
  return BigInt.asUintN(64, a - b);
}

/** The kernel's `check_add_overflow(a, b, &sum)` for u64: true when the sum does not fit. @public */
export function checkAddOverflow(a: bigint, b: bigint): boolean {
  return a + b > U64_MAX;
}

/** True for a bigint in 0..2^64-1. @public */
export function isU64(value: bigint): boolean {
  return value >= 0n && value <= U64_MAX;
}

/**
 * Throws a RangeError unless `value` is a u64; the public API calls it on every argument so a
 * caller's out-of-range value is never silently wrapped.
 * @param name - the parameter's name, for the message
 * @public
 */
export function assertU64(name: string, value: bigint): bigint {
  if (typeof value !== 'bigint' || !isU64(value)) {
    throw new RangeError(`${name} must be a u64 (0..2^64-1), got ${String(value)}`);
  }
  return value;
}

/** Lowercase `0x` hex, the transcript's form of addresses, ranges and offsets. @public */
export function hex(value: bigint): string {
  return `0x${value.toString(16)}`;
}
