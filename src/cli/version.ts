/**
 * `gpuvm-check --version`: the version of the package this module belongs to, read at run time
 * from its package.json, found by walking up from the module (so it holds from src/ under tsx
 * as from a compiled dist/, whichever package.json files lie in between).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package whose version `--version` prints. */
const PACKAGE_NAME = 'gpuvm-check';

/**
 * The version in the nearest package.json named gpuvm-check above `moduleUrl`.
 * @throws Error when there is none
 * @public
 */
export function packageVersion(moduleUrl: string = import.meta.url): string {
  const start = dirname(fileURLToPath(moduleUrl));
  for (let dir = start; ; dir = dirname(dir)) {
    const path = join(dir, 'package.json');
    if (existsSync(path)) {
      const pkg = JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === PACKAGE_NAME && typeof pkg.version === 'string') return pkg.version;
    }
    if (dirname(dir) === dir) throw new Error(`no package.json of ${PACKAGE_NAME} in ${start} or above`);
  }
}
