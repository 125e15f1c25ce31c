/**
 * Promises of the seed's "DOC: Overview" that no request invariant covers (docs/contract.md
 * points here): with the VAs embedded in driver structures, the callback interface and
 * drm_gpuva_insert()/drm_gpuva_remove() make no memory allocation of the library's own, so they
 * can run "from within dma-fence signalling critical sections". Shown with an armed allocation
 * fault that only the first allocation after them consumes. Checked on the port and on the C code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/backends/backend.ts';
import { createCBackend } from '../../src/backends/c/cBackend.ts';
import { runRequests } from '../../src/driver/runTrace.ts';
import { parseTrace } from '../../src/trace/parse.ts';
import { seedExists } from '../backends/c/seed.ts';

const NO_ALLOCATION = `
init 0 0x10000 0x8000 0x1000
mode cb
map 0 0x3000 1 0
fail_alloc 1
map 0x1000 0x1000 2 0
map 0x2000 0x2000 1 0x2000
unmap 0 0x2000
insert 0x6000 0x1000 3 0
remove 0x6000 0x1000
mode list
map 0x4000 0x1000 3 0
allocs
`;

/** Statuses in order: every request before the list-mode map succeeds, that map gets the fault. */
function statuses(lines: readonly string[]): string[] {
  return lines.filter((l) => l === 'OK' || l.startsWith('ERR '));
}

const EXPECTED_STATUSES = [...Array<string>(10).fill('OK'), 'ERR -12 ENOMEM'];
const requests = parseTrace(NO_ALLOCATION, 'no-allocation').map((p) => p.request);

it('DOC: Overview: split/merge callbacks, insert and remove allocate nothing (port)', () => {
  const lines = runRequests(requests);
  expect(statuses(lines)).toEqual(EXPECTED_STATUSES);
  expect(lines.at(-1)).toBe('ALLOCS live=0');
});

describe.skipIf(!seedExists)('on the C code', () => {
  let c: Backend;
  beforeAll(async () => {
    c = await createCBackend({});
  });
  afterAll(async () => {
    await c?.close();
  });

  it('DOC: Overview: split/merge callbacks, insert and remove allocate nothing (C)', async () => {
    const [lines] = await c.runTraces([NO_ALLOCATION]);
    expect(statuses(lines!)).toEqual(EXPECTED_STATUSES);
    expect(lines).toEqual(runRequests(requests));
  });
});
