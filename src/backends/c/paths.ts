/**
 * Where the C backend's own files are.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the directory holding `native/` and `src/`). @public */
export const REPO_ROOT = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)));

/** The C driver's sources and shim headers. @public */
export const NATIVE_DIR = path.join(REPO_ROOT, 'native');
