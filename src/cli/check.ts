/**
 * `gpuvm-check check [--kernel-tree DIR | --c-source FILE [--c-header FILE]] [--sanitize]
 * [--backend ts|c|both] <trace|finding-dir>...`: the CI regression gate for stored reproducers.
 * One line per input, `FAIL <input>: <what>` or `PASS <input>`; exit 1 while any still fails, 0
 * once all pass, 2 on usage errors (every input is read and checked before anything runs).
 *
 * A finding directory (`reports/<campaign>/findings/<signature>/`) is replayed with the check its
 * campaign recorded (`check.json`), on the C source recorded in `finding.json` unless the flags
 * name another; `--backend` does not apply to it. A plain trace is checked for any failure
 * (`fuzz/recheck.ts`) on `--backend`: by default `c` when a C source is named (flags or
 * environment: the user's code is what is gated), else `both` (the seed; without it, a usage
 * error says how to name the C code or to choose `--backend ts`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Backend } from '../backends/backend.ts';
import { createBackend } from '../backends/create.ts';
import type { CTarget } from '../backends/c/cTarget.ts';
import { C_SOURCE_ENV, KERNEL_TREE_ENV } from '../backends/c/cTarget.ts';
import { TraceParseError, parseTrace } from '../trace/parse.ts';
import type { Request } from '../trace/request.ts';
import type { FindingDir, RecheckBackends } from '../../fuzz/recheck.ts';
import { RecheckInputError, findingFailure, findingNeedsC, isDirectory, readFindingDir, traceFailure } from '../../fuzz/recheck.ts';
import { choice, parseFlags } from './args.ts';
import { cTargetOf } from './cSourceFlag.ts';
import { C_TARGET_FLAGS, cTargetFromFlags, prepareCTarget } from './cTarget.ts';
import { quotePath } from './paths.ts';
import { EXIT_FOUND, EXIT_OK, UsageError } from './usage.ts';

const CHECK_BACKENDS = ['ts', 'c', 'both'] as const;

/** One input, read. */
type Input = { readonly path: string; readonly requests: Request[] } | { readonly path: string; readonly finding: FindingDir };

/** Reads every input, so that a bad one stops the command before anything runs. */
function readInput(path: string): Input {
  try {
    if (isDirectory(path)) return { path, finding: readFindingDir(path) };
    if (!existsSync(path)) throw new UsageError(`check: no such trace or finding directory ${quotePath(path)}`);
    return { path, requests: parseTrace(readFileSync(path, 'utf8'), path).map((p) => p.request) };
  } catch (error) {
    if (error instanceof RecheckInputError || error instanceof TraceParseError) throw new UsageError(`check: ${error.message}`);
    throw error;
  }
}

/** The C backends the inputs need, built once each (by source, header and sanitizer). */
class CBackends {
  private readonly built = new Map<string, Backend>();
  constructor(private readonly err: (line: string) => void) {}

  async get(target: CTarget, sanitize: boolean): Promise<Backend> {
    const key = `${target.cSource}\0${target.cHeader}\0${sanitize}`;
    let backend = this.built.get(key);
    if (!backend) {
      await prepareCTarget(target, sanitize, this.err);
      backend = await createBackend('c', { cTarget: target, sanitize });
      this.built.set(key, backend);
    }
    return backend;
  }

  async close(): Promise<void> {
    for (const backend of this.built.values()) await backend.close();
  }
}

/**
 * The C target a finding directory is replayed on: the flags', else the one its campaign
 * recorded, else the seed. A recorded path may be relative to the campaign's directory (as in
 * committed reports).
 */
function findingTarget(f: FindingDir, flagTarget: CTarget | null): CTarget {
  if (flagTarget) return flagTarget;
  const campaignDir = join(f.dir, '..', '..');
  const cSource = f.finding.cSource && resolve(campaignDir, f.finding.cSource);
  const cHeader = f.finding.cHeader && resolve(campaignDir, f.finding.cHeader);
  if (cSource && !existsSync(cSource)) throw new UsageError(`check: ${f.dir}: the C source its campaign checked is gone (${quotePath(cSource)}); name one with --c-source`);
  return cTargetFromFlags({ 'c-source': cSource ?? undefined, 'c-header': cHeader ?? undefined }, {});
}

/** Runs the `check` subcommand. */
export async function checkCommand(argv: string[], out: (text: string) => void, err: (line: string) => void): Promise<number> {
  const { values, positionals } = parseFlags(argv, { ...C_TARGET_FLAGS, backend: { type: 'string' }, sanitize: { type: 'boolean' } }, 'check');
  if (positionals.length === 0) throw new UsageError('check: no trace or finding directory given');
  const named = values['kernel-tree'] !== undefined || values['c-source'] !== undefined || values['c-header'] !== undefined;
  const namedByEnv = Boolean(process.env[KERNEL_TREE_ENV] || process.env[C_SOURCE_ENV]);
  // Without the seed, `both` stops with how to name the C code: a gate never quietly checks less.
  const fallback = named || namedByEnv ? 'c' : 'both';
  const backend = choice('backend', values.backend, CHECK_BACKENDS, fallback);
  if (backend === 'ts' && named) throw new UsageError('check: --backend ts checks the port only; the C flags need --backend c or both');
  const flagTarget = named ? cTargetOf(values) : null;
  const inputs = positionals.map(readInput);
  const sanitize = values.sanitize ?? false;
  // Resolved before anything runs, so that a missing seed is one usage error, not a late one.
  const traceTarget = backend === 'ts' || inputs.every((input) => 'finding' in input) ? null : (flagTarget ?? cTargetOf(values));

  const cBackends = new CBackends(err);
  let failing = 0;
  try {
    for (const input of inputs) {
      let failure: string | null;
      if ('finding' in input) {
        const f = input.finding;
        const target = findingNeedsC(f) ? findingTarget(f, flagTarget) : null;
        const c = target ? await cBackends.get(target, sanitize || f.finding.class === 'sanitizer') : null;
        const found = await findingFailure(f, c, target?.era);
        failure = found === null ? null : `reproduces: ${found}`;
        out(failure === null ? `PASS ${input.path}: gone\n` : `FAIL ${input.path}: ${failure}\n`);
      } else {
        const target = traceTarget;
        const backends: RecheckBackends = {
          ts: backend !== 'c',
          c: target ? await cBackends.get(target, sanitize) : null,
          ...(target ? { era: target.era } : {}),
        };
        failure = await traceFailure(input.requests, backends);
        out(failure === null ? `PASS ${input.path}\n` : `FAIL ${input.path}: ${failure}\n`);
      }
      if (failure !== null) failing++;
    }
  } finally {
    await cBackends.close();
  }
  if (inputs.length > 1) out(`${inputs.length} checked: ${failing} failing, ${inputs.length - failing} passing\n`);
  return failing > 0 ? EXIT_FOUND : EXIT_OK;
}
