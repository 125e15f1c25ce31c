/**
 * Backends by name, as the CLI and the test suite ask for them.
 */
import type { Backend } from './backend.ts';
import { createCBackend } from './c/cBackend.ts';
import type { CTarget } from './c/cTarget.ts';
import { createTsBackend } from './ts/tsBackend.ts';

/** The backends a user can name with `--backend`. @public */
export const BACKEND_NAMES = ['ts', 'c'] as const;

/** A backend name. @public */
export type BackendName = (typeof BACKEND_NAMES)[number];

/** Options that reach the C backend; the TS backend ignores them. @public */
export interface BackendOptions {
  /** The C code resolved (see `resolveCTarget`); else the three paths below, else the seed. */
  readonly cTarget?: CTarget;
  readonly cSource?: string;
  readonly cHeader?: string;
  readonly kernelTree?: string;
  readonly sanitize?: boolean;
  readonly timeoutMs?: number;
}

/** Creates the named backend. @public */
export async function createBackend(name: BackendName, options: BackendOptions = {}): Promise<Backend> {
  return name === 'ts' ? createTsBackend() : createCBackend({ ...options, target: options.cTarget });
}
