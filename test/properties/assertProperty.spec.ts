/**
 * A property failure replays by seed and path, in fast-check's convention: the failure prints
 * one command (`PROPERTY_SEED=… PROPERTY_PATH=… PROPERTY_NAME=… npx vitest run <file>`), and the
 * settings that command's environment gives replay exactly the shrunk counterexample, at once.
 * The failing property below is a deliberate one of this test, not a property of the suite.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertProperty, PropertyFailure } from '../../properties/assertProperty.ts';
import { propertySettings } from '../../properties/settings.ts';

/** Fails on any array summing above 100: shrinks to a one-element array of 101. */
const sumsAbove100 = fc.array(fc.nat());
const atMost100 = (a: number[]): void => {
  if (a.reduce((x, y) => x + y, 0) > 100) throw new Error(`sum above 100: ${a.join('+')}`);
};

/** The failure of running the deliberately failing property with the settings of `env`. */
function failureWith(env: NodeJS.ProcessEnv, predicate = atMost100): PropertyFailure {
  try {
    assertProperty('sum-at-most-100', sumsAbove100, predicate, propertySettings(100, env));
  } catch (error) {
    if (error instanceof PropertyFailure) return error;
    throw error;
  }
  throw new Error('the property did not fail');
}

/** The environment a printed command sets. */
function envOf(command: string): NodeJS.ProcessEnv {
  return Object.fromEntries([...command.matchAll(/(PROPERTY_\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
}

describe('assertProperty: replay by seed and path', () => {
  const original = failureWith({ PROPERTY_SEED: '42' });

  it('prints the one command that replays the counterexample', () => {
    expect(original.seed).toBe(42);
    expect(original.path).toMatch(/^\d+(:\d+)*$/);
    expect(original.replayCommand).toBe(`PROPERTY_SEED=42 PROPERTY_PATH=${original.path} PROPERTY_NAME=sum-at-most-100 npx vitest run test/properties/assertProperty.spec.ts`);
    expect(original.message).toContain(`replay this counterexample: ${original.replayCommand}`);
    expect(original.counterexample).toEqual([101]);
  });

  it('the command\'s environment replays exactly that counterexample, without searching or shrinking', () => {
    let calls = 0;
    const replayed = failureWith(envOf(original.replayCommand), (a) => {
      calls++;
      atMost100(a);
    });
    expect(replayed.counterexample).toEqual(original.counterexample);
    expect(replayed.path).toBe(original.path);
    expect(calls).toBe(1);
  });

  it('a path applies to the property it names only', () => {
    const other = propertySettings(100, { PROPERTY_SEED: '42', PROPERTY_PATH: original.path, PROPERTY_NAME: 'another-property' });
    let calls = 0;
    expect(() => assertProperty('sum-at-most-100', sumsAbove100, (a) => void (calls++, atMost100(a)), other)).toThrow(PropertyFailure);
    expect(calls).toBeGreaterThan(1);
  });

  it.each([
    [{ PROPERTY_PATH: '3:1' }, /PROPERTY_PATH replays one property: name it with PROPERTY_NAME/],
    [{ PROPERTY_PATH: '3;1', PROPERTY_NAME: 'x' }, /PROPERTY_PATH must be a fast-check path such as 3:0:1, got '3;1'/],
  ])('refuses %j', (env, message) => {
    expect(() => propertySettings(100, env)).toThrow(message);
  });
});
