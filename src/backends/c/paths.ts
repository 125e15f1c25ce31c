/**
 * Where the C backend's own files are.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Three levels up from this file: the repository root from `src/`, `dist/` from the compiled `dist/src/`. */
const ABOVE_SRC = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)));

/**
 * The repository (or installed package) root: the directory holding `native/` and `package.json`.
 * Compiled code runs from `dist/src/...`, one level deeper than the sources.
 * @public
 */
export const REPO_ROOT = path.basename(ABOVE_SRC) === 'dist' && import.meta.url.endsWith('.js') ? path.dirname(ABOVE_SRC) : ABOVE_SRC;

/** The C driver's sources and shim headers. @public */
export const NATIVE_DIR = path.join(REPO_ROOT, 'native');
