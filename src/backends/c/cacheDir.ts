/**
 * Where built C drivers are cached: the user's cache directory, never the package's own
 * (an installed package may be read-only, and `npm ci` would throw the builds away).
 */
import { homedir } from 'node:os';
import path from 'node:path';

/** Overrides the cache directory (tests, CI caches). @public */
export const CACHE_DIR_ENV = 'GPUVM_CACHE_DIR';

/**
 * The directory of cached driver builds: `$GPUVM_CACHE_DIR/native`, else
 * `$XDG_CACHE_HOME/gpuvm-check/native`, else `~/.cache/gpuvm-check/native`. Relative variables
 * are ignored, as the XDG base directory specification asks.
 * @public
 */
export function nativeCacheDir(env: NodeJS.ProcessEnv = process.env, home: () => string = homedir): string {
  const absolute = (v: string | undefined): string | undefined => (v !== undefined && path.isAbsolute(v) ? v : undefined);
  const override = absolute(env[CACHE_DIR_ENV]);
  if (override !== undefined) return path.join(override, 'native');
  return path.join(absolute(env.XDG_CACHE_HOME) ?? path.join(home(), '.cache'), 'gpuvm-check', 'native');
}
