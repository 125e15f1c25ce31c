import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePortable } from '../../../fuzz/render/portable.ts';
import { finding, report } from './__helpers__/reports.ts';

describe('makePortable', () => {
  it('makes the recorded C source and header relative to the campaign directory, drops state.json, renders again', () => {
    const root = mkdtempSync(join(tmpdir(), 'gpuvm-portable-'));
    const dir = join(root, 'reports', 'c1');
    const src = join(root, 'tree', 'drm_gpuvm.c');
    const hdr = join(root, 'tree', 'drm_gpuvm.h');
    const f = finding('invariant-validity-map-gpuvm-004', { cSource: src, cHeader: hdr });
    mkdirSync(join(dir, 'findings', f.signature), { recursive: true });
    writeFileSync(join(dir, 'report.json'), JSON.stringify(report({ cSource: src, cHeader: hdr, findings: [f] })));
    writeFileSync(join(dir, 'findings', f.signature, 'finding.json'), JSON.stringify(f));
    writeFileSync(join(dir, 'state.json'), '{}');

    makePortable(dir);

    const written = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect([written.cSource, written.cHeader]).toEqual(['../../tree/drm_gpuvm.c', '../../tree/drm_gpuvm.h']);
    expect(written.findings[0].cSource).toBe('../../tree/drm_gpuvm.c');
    expect(JSON.parse(readFileSync(join(dir, 'findings', f.signature, 'finding.json'), 'utf8'))).toMatchObject({ cSource: '../../tree/drm_gpuvm.c', cHeader: '../../tree/drm_gpuvm.h' });
    expect(existsSync(join(dir, 'state.json'))).toBe(false);
    for (const page of ['summary.md', 'report.html']) expect(readFileSync(join(dir, page), 'utf8')).not.toContain(root);
  });
});
