import { test, expect } from 'vitest';
test('smoke', () => { expect(1n + 1n).toBe(2n); });
