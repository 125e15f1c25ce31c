import { describe, expect, it } from 'vitest';
import { applyMutant, distinctEdits, generateMutants, sampleMutants, type Mutant } from '../../../bench/cmutants/generate.ts';
import { LATER_ERA_FUNCTIONS, LATER_ERA_SOURCE } from './laterEraSource.ts';

/** The mutants of `src` by operator, as `id: mutated line`. */
function byOperator(src: string, operator: string): string[] {
  return generateMutants(src)
    .filter((m) => m.operator === operator)
    .map((m) => `${m.id}: ${m.mutated.trim()}`);
}

describe('generateMutants: operators', () => {
  it('replaces a relational operator by each of the other five', () => {
    expect(byOperator('int f(int a)\n{\n\treturn a < 2;\n}\n', 'ror')).toEqual([
      'ror-3:11-0: return a <= 2;',
      'ror-3:11-1: return a > 2;',
      'ror-3:11-2: return a >= 2;',
      'ror-3:11-3: return a == 2;',
      'ror-3:11-4: return a != 2;',
    ]);
  });

  it('replaces binary arithmetic, compound assignments and increments, not unary operators', () => {
    expect(byOperator('int f(int a, int *p)\n{\n\ta += -a + (a) - 1;\n\tp++;\n\treturn *p & a;\n}\n', 'aor')).toEqual([
      'aor-3:4-0: a -= -a + (a) - 1;',
      'aor-3:10-0: a += -a - (a) - 1;',
      'aor-3:16-0: a += -a + (a) + 1;',
      'aor-4:3-0: p--;',
      'aor-5:12-0: return *p | a;',
    ]);
  });

  it('moves integer literals by one each way, 0 only up, keeping base and suffix', () => {
    expect(byOperator('long f(void)\n{\n\treturn 0 + 0x10UL + 7;\n}\n', 'const')).toEqual([
      'const-3:9-0: return 1 + 0x10UL + 7;',
      'const-3:13-0: return 0 + 0x11UL + 7;',
      'const-3:13-1: return 0 + 0xfUL + 7;',
      'const-3:22-0: return 0 + 0x10UL + 8;',
      'const-3:22-1: return 0 + 0x10UL + 6;',
    ]);
  });

  it('swaps break and continue, negates if and while conditions, swaps && and ||', () => {
    const src = 'void f(int a, int b)\n{\n\twhile (a && b) {\n\t\tif (a ||\n\t\t    b)\n\t\t\tbreak;\n\t\tcontinue;\n\t}\n}\n';
    expect(byOperator(src, 'break-continue')).toEqual(['break-continue-6:4-0: continue;', 'break-continue-7:3-0: break;']);
    expect(byOperator(src, 'negate')).toEqual(['negate-3:2-0: while (!(a && b)) {', 'negate-4:3-0: if (!(a ||\n\t\t    b))']);
    expect(byOperator(src, 'logic')).toEqual(['logic-3:11-0: while (a || b) {', 'logic-4:9-0: if (a &&']);
  });

  it('deletes call statements (plain, through pointers, after if and labels) but not calls inside expressions', () => {
    const src = [
      'int f(struct x *p)',
      '{',
      '\tkfree(p->a);',
      '\tif (p)',
      '\t\tp->ops->free(p,',
      '\t\t\t     1);',
      '\tif (g(p))',
      '\t\treturn h(p);',
      'out:',
      '\tWARN(1, "x");',
      '\treturn 0;',
      '}',
      '',
    ].join('\n');
    const mutants = generateMutants(src).filter((m) => m.operator === 'call-delete');
    expect(mutants.map((m) => [m.id, m.original.trim(), m.mutated])).toEqual([
      ['call-delete-3:2-0', 'kfree(p->a);', '\t;'],
      ['call-delete-5:3-0', 'p->ops->free(p,\n\t\t\t     1);', '\t\t;\n'],
      ['call-delete-10:2-0', 'WARN(1, "x");', '\t;'],
    ]);
    // An edit never changes the number of lines, so the rest of the file keeps its line numbers.
    for (const m of mutants) expect(applyMutant(src, m).split('\n').length).toBe(src.split('\n').length);
  });

  it('retargets a goto to every other label of the same function only', () => {
    const src = [
      'int f(int a)',
      '{',
      '\tif (a)',
      '\t\tgoto err;',
      '\treturn 0;',
      'err_free:',
      '\tg();',
      'err:',
      '\treturn -1;',
      '}',
      'int h(void)',
      '{',
      'other:',
      '\treturn 0;',
      '}',
    ].join('\n');
    expect(byOperator(src, 'goto-label')).toEqual(['goto-label-4:3-0: goto err_free;']);
  });
});

describe('generateMutants: ids, order and duplicates', () => {
  const src = 'int f(int a)\n{\n\tif (a < 1)\n\t\treturn a - 1;\n\treturn a;\n}\n';

  it('gives stable, unique ids in source order, and the same list every time', () => {
    const first = generateMutants(src);
    expect(generateMutants(src)).toEqual(first);
    expect(new Set(first.map((m) => m.id)).size).toBe(first.length);
    const positions = first.map((m) => m.line * 1000 + m.column);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    for (const m of first) expect(m.id).toMatch(new RegExp(`^${m.operator}-${m.line}:${m.column}-\\d+$`));
    // A change elsewhere in the file does not move the ids of untouched lines.
    const shifted = generateMutants(src.replace('return a;', 'return  a ;'));
    expect(shifted.filter((m) => m.line < 5).map((m) => m.id)).toEqual(first.filter((m) => m.line < 5).map((m) => m.id));
  });

  it('keeps the first of several edits that make the same text, and drops edits that change nothing', () => {
    const text = 'a = b;';
    const edits = [
      { name: 'b to c', edit: { start: 4, end: 5, replacement: 'c' } },
      { name: 'no-op', edit: { start: 0, end: 1, replacement: 'a' } },
      { name: 'b; to c; (same text)', edit: { start: 4, end: 6, replacement: 'c;' } },
      { name: 'a to d', edit: { start: 0, end: 1, replacement: 'd' } },
    ];
    expect(distinctEdits(text, edits).map((e) => e.name)).toEqual(['b to c', 'a to d']);
  });

  it('makes distinct texts from every mutant of a snippet', () => {
    const snippet = 'void f(int a)\n{\n\tif (a) b(); else b();\n\twhile (a--) { g(); g(); continue; }\n}\n';
    const texts = generateMutants(snippet).map((m) => applyMutant(snippet, m));
    expect(texts.length).toBeGreaterThan(5);
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts).not.toContain(snippet);
  });

  it('samples deterministically by seed, in source order', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const a = sampleMutants(items, 10, 1);
    expect(sampleMutants(items, 10, 1)).toEqual(a);
    expect(a).toEqual([...a].sort((x, y) => x - y));
    expect(new Set(a).size).toBe(10);
    expect(sampleMutants(items, 10, 2)).not.toEqual(a);
    expect(sampleMutants(items, 99, 1)).toEqual(items);
    // A larger sample of the same seed contains the smaller one, so its run reuses those measurements.
    expect(sampleMutants(items, 20, 1)).toEqual(expect.arrayContaining(a));
  });

  it('names the function of each mutant', () => {
    const two = 'int f(int a)\n{\n\treturn a + 1;\n}\nint g(int b)\n{\n\treturn b - 1;\n}\n';
    const fns = new Set(generateMutants(two).map((m: Mutant) => `${m.function}:${m.line}`));
    expect(fns).toEqual(new Set(['f:3', 'g:7']));
  });
});

describe('generateMutants on a later-era-shaped source', () => {
  const mutants = generateMutants(LATER_ERA_SOURCE);
  const of = (fn: string): string[] => mutants.filter((m) => m.function === fn).map((m) => `${m.id}: ${m.mutated.trim()}`);

  it('mutates the map request and madvise paths of __drm_gpuvm_sm_map', () => {
    expect(of('__drm_gpuvm_sm_map')).toEqual([
      'aor-73:25-0: u64 req_end = req_addr - req->map.va.range;',
      'negate-75:2-0: if (!(drm_gpuvm_check_overflow(req_addr, req->map.va.range)))',
      'const-76:11-0: return -23;',
      'const-76:11-1: return -21;',
      'negate-77:2-0: if (!(madvise && req_end <= req_addr))',
      'logic-77:14-0: if (madvise || req_end <= req_addr)',
      'ror-77:25-0: if (madvise && req_end < req_addr)',
      'ror-77:25-1: if (madvise && req_end > req_addr)',
      'ror-77:25-2: if (madvise && req_end >= req_addr)',
      'ror-77:25-3: if (madvise && req_end == req_addr)',
      'ror-77:25-4: if (madvise && req_end != req_addr)',
      'const-78:10-0: return 1;',
    ]);
  });

  it('deletes the vm_bo put and the drm_exec calls; one label leaves no goto to retarget', () => {
    expect(of('drm_gpuvm_bo_put')).toEqual(['negate-31:2-0: if (!(vm_bo))', 'call-delete-32:3-0: ;']);
    expect(of('drm_gpuvm_exec_lock')).toContain('call-delete-54:2-0: ;');
    expect(mutants.filter((m) => m.operator === 'goto-label')).toEqual([]);
  });

  it('says each change in a few words, quoting only the token replaced or the callee deleted', () => {
    const change = (id: string): string => mutants.find((m) => m.id === id)!.change;
    expect(change('ror-77:25-0')).toBe('`<=` → `<`');
    expect(change('negate-77:2-0')).toBe('negates the `if` condition');
    expect(change('call-delete-32:3-0')).toBe('deletes the call of `kref_put`');
    expect(change('const-76:11-0')).toBe('`22` → `23`');
  });

  it('mutates nothing outside function bodies: the macro, the ops table, comments, EXPORT_SYMBOL', () => {
    const lines = mutants.map((m) => m.line);
    for (const outside of [2, 3, 4, 64, 65, 66, 97]) expect(lines).not.toContain(outside);
    expect(new Set(mutants.map((m) => m.function))).toEqual(new Set(LATER_ERA_FUNCTIONS.filter((f) => f !== 'drm_gpuvm_check_overflow' && f !== 'drm_gpuvm_sm_map' && f !== 'drm_gpuvm_madvise_ops_create')));
  });
});
