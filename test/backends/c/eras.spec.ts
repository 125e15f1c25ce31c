/**
 * The C backend on the upstream drm_gpuvm.c of later kernel eras, one kernel tree each, named
 * by GPUVM_KERNEL_TREES (see kernelTrees.ts): it builds, the era is what the tree's release
 * has, the suite's own traces run as they do on the seed (crashing exactly where the seed
 * crashes), and the era's requests answer in the era's format.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildDriver } from '../../../src/backends/c/build.ts';
import type { CBackend } from '../../../src/backends/c/cBackend.ts';
import { createCBackend } from '../../../src/backends/c/cBackend.ts';
import { resolveCTarget, TREE_HEADER, TREE_SOURCE } from '../../../src/backends/c/cTarget.ts';
import { REPO_ROOT } from '../../../src/backends/c/paths.ts';
import { createTsBackend } from '../../../src/backends/ts/tsBackend.ts';
import { hasFeature } from '../../../src/era/era.ts';
import { FIXTURE_DIR } from './fixtures.ts';
import { expectedFeatures, kernelTrees, warnEraTestsSkipped } from './kernelTrees.ts';
import { seedExists } from './seed.ts';

/** The suite's own traces: the C fixtures and the registered findings. */
function suiteTraces(): { name: string; text: string }[] {
  const findings = path.join(REPO_ROOT, 'properties', 'findings');
  return [
    ...readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.trace')).map((f) => path.join(FIXTURE_DIR, f)),
    ...readdirSync(findings).filter((f) => f.endsWith('.trace')).map((f) => path.join(findings, f)),
  ]
    .sort()
    .map((file) => ({ name: path.relative(REPO_ROOT, file), text: readFileSync(file, 'utf8') }));
}

/** madvise on a VA without an object; the seed and pre-v6.18 eras refuse it. */
const MADVISE_TRACE = 'init 0 0x100000 0 0\ninsert 0 0x4000 0 0\nmadvise 0x1000 0x1000\ndump\n';
const MADVISE_REFUSED = ['ERR -95 EOPNOTSUPP', '> dump', 'VAS 1', 'VA 0x0 0x4000 0 0x0'];

/** What follows the echo of the madvise request. */
const afterMadvise = (t: readonly string[]): string[] => t.slice(t.indexOf('> madvise 0x1000 0x1000') + 1);

// Not a fixture file: the TypeScript trace parser does not know madvise (yet).
describe.skipIf(!seedExists)('madvise on the seed', () => {
  test('the C parser takes it; the seed answers ERR -95 EOPNOTSUPP and nothing else', async () => {
    const seed = await createCBackend({});
    try {
      const [t] = await seed.runTraces([MADVISE_TRACE]);
      expect(afterMadvise(t!)).toEqual(MADVISE_REFUSED);
    } finally {
      await seed.close();
    }
  });
});

const crashed = (transcript: readonly string[]): boolean => transcript.at(-1)?.startsWith('CRASH') ?? false;

/** The kind of a crash (`leak:`, `ubsan:`, `signal` ...), or null; its details name source lines. */
const crashKind = (transcript: readonly string[]): string | null => (crashed(transcript) ? (transcript.at(-1)!.split(' ')[1] ?? '') : null);

const ERA_TESTS = [
  'each tree builds with its own header, and the era detected is its release’s',
  'the suite’s traces (test/fixtures/c, properties/findings) run, crashing only where the seed crashes',
  'allocs reports vm_bos separately from v6.8, counted per trace',
  'madvise: ERR -95 EOPNOTSUPP before v6.18, split and applied from v6.18',
  'gem and gem_unmap go through the VM’s vm_bo',
  'a harmless warning in the tree’s source builds and is shown',
  'the sanitizer build reports on the suite’s traces what it reports on the seed, no more',
  'a re-init gets a fresh VM, even while a leaked vm_bo keeps the old one alive (port and C agree)',
];

if (kernelTrees.length === 0) warnEraTestsSkipped(ERA_TESTS);

/** Without trees, one skipped block lists the tests in the report too. */
const eras = kernelTrees.length > 0 ? kernelTrees.map((dir) => [path.basename(dir), dir] as const) : ([['(GPUVM_KERNEL_TREES not set)', '']] as const);

describe.skipIf(kernelTrees.length === 0).each(eras)('era %s', (_name, dir) => {
  let backend: CBackend;

  beforeAll(async () => {
    backend = await createCBackend({ kernelTree: dir });
  }, 120_000);
  afterAll(async () => {
    await backend?.close();
  });

  test(ERA_TESTS[0]!, () => {
    expect(backend.build.target.cSource).toBe(path.join(dir, TREE_SOURCE));
    expect(backend.build.target.cHeader).toBe(path.join(dir, TREE_HEADER));
    const expected = expectedFeatures(dir);
    if (expected === null) console.warn(`era ${dir}: its name gives no release, so only the build is checked`);
    else expect([...backend.build.target.era.features].sort()).toEqual(expected);
  });

  test.skipIf(!seedExists)(ERA_TESTS[1]!, async () => {
    const traces = suiteTraces();
    const seed = await createCBackend({});
    try {
      const [onSeed, onEra] = await Promise.all([seed.runTraces(traces.map((t) => t.text)), backend.runTraces(traces.map((t) => t.text))]);
      const crashes = traces.map((t, i) => [t.name, crashed(onEra[i]!)]);
      expect(crashes).toEqual(traces.map((t, i) => [t.name, crashed(onSeed[i]!)]));
      expect(crashes.filter(([, c]) => c).length).toBeLessThan(traces.length / 4);
    } finally {
      await seed.close();
    }
  }, 120_000);

  test(ERA_TESTS[2]!, async () => {
    // The first trace ends with vm_bos live (no fini): the next one must not see them.
    const [, t] = await backend.runTraces([
      'init 0 0x100000 0 0\nmap 0 0x1000 3 0\nmap 0x1000 0x1000 4 0\n',
      'init 0 0x100000 0 0\nmap 0 0x2000 1 0\nmap 0x2000 0x1000 2 0\nallocs\nunmap 0 0x3000\nallocs\n',
    ]);
    const allocs = t!.filter((l) => l.startsWith('ALLOCS'));
    expect(allocs).toEqual(
      hasFeature(backend.build.target.era, 'vm_bo') ? ['ALLOCS live=0 vm_bo=2', 'ALLOCS live=0 vm_bo=0'] : ['ALLOCS live=0', 'ALLOCS live=0'],
    );
  });

  test(ERA_TESTS[3]!, async () => {
    const [t] = await backend.runTraces([MADVISE_TRACE]);
    const after = afterMadvise(t!);
    if (!hasFeature(backend.build.target.era, 'madvise')) {
      expect(after).toEqual(MADVISE_REFUSED);
      return;
    }
    expect(after).toEqual([
      'REMAP prev(0x0 0x1000 0 0x0) next(0x2000 0x2000 0 0x2000) unmap(0x0 0x4000 0 0x0 keep=0)',
      'MAP 0x1000 0x1000 0 0x0',
      'OK',
      '> dump',
      'VAS 3',
      'VA 0x0 0x1000 0 0x0',
      'VA 0x1000 0x1000 0 0x0',
      'VA 0x2000 0x2000 0 0x2000',
    ]);
  });

  test(ERA_TESTS[4]!, async () => {
    const [t] = await backend.runTraces([
      'init 0 0x100000 0 0\nmap 0 0x2000 1 0\nmap 0x4000 0x1000 1 0x10000\ngem 1\ngem 2\ngem_unmap 2\ngem_unmap 1\ngem 1\n',
    ]);
    expect(t!.slice(t!.indexOf('> gem 1'))).toEqual([
      '> gem 1',
      'VAS 2',
      'VA 0x0 0x2000 1 0x0',
      'VA 0x4000 0x1000 1 0x10000',
      '> gem 2',
      'VAS 0',
      '> gem_unmap 2',
      'OK',
      '> gem_unmap 1',
      'UNMAP 0x0 0x2000 1 0x0 keep=0',
      'UNMAP 0x4000 0x1000 1 0x10000 keep=0',
      'OK',
      '> gem 1',
      'VAS 0',
    ]);
  });

  test(ERA_TESTS[5]!, async () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'gpuvm-era-warning-'));
    try {
      cpSync(path.join(dir, TREE_HEADER), path.join(copy, TREE_HEADER), { recursive: true });
      const source = readFileSync(path.join(dir, TREE_SOURCE), 'utf8');
      // A fresh name each run, so that no earlier build of the copy is in the cache.
      const unused = `left_over_by_an_edit_${process.pid}_${Date.now()}`;
      cpSync(path.join(dir, TREE_SOURCE), path.join(copy, TREE_SOURCE), { recursive: true });
      writeFileSync(path.join(copy, TREE_SOURCE), `${source}\nstatic void ${unused}(void)\n{\n}\n`);
      const built = await buildDriver({ target: resolveCTarget({ kernelTree: copy }) });
      expect(built.fresh).toBe(true);
      expect(built.warnings).toMatch(new RegExp(`'${unused}' defined but not used`));
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }, 120_000);

  test.skipIf(!seedExists)(ERA_TESTS[6]!, async () => {
    const traces = suiteTraces();
    const [seed, era] = await Promise.all([createCBackend({ sanitize: true }), createCBackend({ kernelTree: dir, sanitize: true })]);
    try {
      const [onSeed, onEra] = await Promise.all([seed.runTraces(traces.map((t) => t.text)), era.runTraces(traces.map((t) => t.text))]);
      expect(traces.map((t, i) => [t.name, crashKind(onEra[i]!)])).toEqual(traces.map((t, i) => [t.name, crashKind(onSeed[i]!)]));
    } finally {
      await Promise.all([seed.close(), era.close()]);
    }
  }, 600_000);
  test(ERA_TESTS[7]!, async () => {
    // A zero-size VA (GPUVM-004) inside the next map makes drm_gpuva_map's insert fail silently:
    // that VA stays linked to obj 1's vm_bo but is in no tree, so fini cannot unlink it and the
    // vm_bo keeps the old VM referenced. The next init's obj 1 must get a vm_bo of its own.
    const trace =
      'init 0xfffffffffffeb000 0x10000 0 0\nmap 0xffffffffffff4000 0x7000 0 0\nmap 0xffffffffffff4000 0 1 0\n' +
      'map 0xffffffffffff1000 0xa000 1 0\ninit 0xfffffffffffe0000 0x10000 0 0\nmap 0xfffffffffffe0000 0x1000 1 0\ngem 1\nallocs\n';
    const port = createTsBackend({ era: backend.build.target.era });
    const [[onPort], [onC]] = await Promise.all([port.runTraces([trace]), backend.runTraces([trace])]);
    expect(onC).toEqual(onPort);
  });
});
