/**
 * Merging the reports of one campaign's shards (`gpuvm-check report merge`), and reading a
 * `report.json` with its schema checked.
 *
 * Shards `i/N` own disjoint job sets (jobs with index mod N = i - 1), so their statistics add
 * up; merging refuses what would not be one campaign: different seeds, backends, C sources,
 * eras or sanitizer settings, a shard given twice, or shards of different partitions (1/2 and 1/4
 * share jobs).
 */
import { readFileSync } from 'node:fs';
import type { CampaignReport, ThroughputSample } from './report.ts';
import { addSample } from './report.ts';
import { describeEraRecord } from './eraRecord.ts';
import type { RegisteredStatus, StoredFinding } from './types.ts';
import { combineRegistered, emptyStats, mergeStats } from './types.ts';
import { mergeCoverage } from '../src/coverage/coverage.ts';

/** The schema this module reads and writes. @public */
export const REPORT_SCHEMA = 'gpuvm-check/campaign-report@1';

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** How a report is named in errors: its file when known, else its campaign. */
function nameOf(report: CampaignReport, i: number, sources: readonly string[] | undefined): string {
  return sources?.[i] ?? `campaign '${report.campaign}'`;
}

function requireSame<T>(reports: readonly CampaignReport[], sources: readonly string[] | undefined, field: string, get: (r: CampaignReport) => T): T {
  const first = get(reports[0]!);
  if (reports.every((r) => get(r) === first)) return first;
  const values = reports.map((r, i) => `${nameOf(r, i, sources)} has ${JSON.stringify(get(r))}`).join(', ');
  throw new Error(`cannot merge reports of different campaigns: ${field} differs (${values})`);
}

interface ParsedShard {
  readonly text: string;
  readonly index: number;
  readonly count: number;
}

function parseShardText(text: string, owner: string): ParsedShard {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new Error(`cannot merge: ${owner} has shard '${text}', expected i/N with 1 <= i <= N`);
  return { text, index, count };
}

/** Every shard of every report, checked to be disjoint parts of one partition, in shard order. */
function unionShards(reports: readonly CampaignReport[], sources: readonly string[] | undefined): string[] {
  const owners = new Map<string, string>();
  let partition: { count: number; owner: string } | null = null;
  for (const [i, report] of reports.entries()) {
    const owner = nameOf(report, i, sources);
    for (const text of report.shards) {
      const shard = parseShardText(text, owner);
      if (partition && partition.count !== shard.count) {
        throw new Error(`cannot merge: shards of different partitions overlap (${partition.owner} is split ${partition.count} ways, ${owner} has shard ${text})`);
      }
      partition ??= { count: shard.count, owner };
      const previous = owners.get(text);
      if (previous !== undefined) throw new Error(`cannot merge: shard ${text} is in both ${previous} and ${owner}`);
      owners.set(text, owner);
    }
  }
  return [...owners.keys()].sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
}

/** `fuzz-...-seed7-shard2of4` → `fuzz-...-seed7`: the name without its shard suffix. */
const stem = (campaign: string): string => campaign.replace(/-shard\d+of\d+$/, '');

function mergedName(reports: readonly CampaignReport[]): string {
  const stems = new Set(reports.map((r) => stem(r.campaign)));
  const [only] = stems;
  if (reports.length === 1) return reports[0]!.campaign;
  return stems.size === 1 && only !== undefined ? only : `merged-seed${reports[0]!.seed}`;
}

/** Findings by signature, each the earliest sighting (then the lowest job), in order of sighting. */
function unionFindings(reports: readonly CampaignReport[]): StoredFinding[] {
  const bySignature = new Map<string, StoredFinding>();
  for (const finding of reports.flatMap((r) => r.findings)) {
    const kept = bySignature.get(finding.signature);
    const earlier = !kept || cmp(finding.firstSeenAt, kept.firstSeenAt) < 0 || (finding.firstSeenAt === kept.firstSeenAt && finding.firstSeenJob < kept.firstSeenJob);
    if (earlier) bySignature.set(finding.signature, finding);
  }
  return [...bySignature.values()].sort((a, b) => cmp(a.firstSeenAt, b.firstSeenAt) || cmp(a.signature, b.signature));
}

/**
 * The typical spacing of a series: the lower median gap between samples (so the short last gap
 * of the final tick does not count), or the first sample's t when it is alone.
 */
function spacing(samples: readonly ThroughputSample[]): number {
  if (samples.length === 0) return 0;
  if (samples.length === 1) return samples[0]!.t;
  const gaps = samples.slice(1).map((s, i) => s.t - samples[i]!.t).sort((a, b) => a - b);
  return gaps[Math.floor((gaps.length - 1) / 2)] ?? 0;
}

/**
 * The shards' throughput as one series. Shards run in parallel on the same clock, so time is
 * cut into buckets as wide as the coarsest shard's sampling interval; a bucket's rate is the sum
 * over shards of each shard's mean rate in it (a shard with no sample there was not running),
 * and its live VAs the largest any shard saw. Kept within MAX_SAMPLES by `addSample`.
 * @public
 */
export function mergeThroughput(series: readonly (readonly ThroughputSample[])[]): ThroughputSample[] {
  const width = Math.max(...series.map(spacing), 0);
  if (!(width > 0)) {
    // No spacing to bucket by (no samples, or all at t = 0): keep the samples in time order.
    const merged: ThroughputSample[] = [];
    for (const s of series.flat().sort((a, b) => a.t - b.t)) addSample(merged, s);
    return merged;
  }
  const buckets = new Map<number, { rate: number; liveVas: number }>();
  for (const samples of series) {
    const own = new Map<number, { sum: number; n: number; liveVas: number }>();
    for (const s of samples) {
      const k = Math.max(0, Math.ceil(s.t / width - 1e-9));
      const b = own.get(k) ?? { sum: 0, n: 0, liveVas: 0 };
      own.set(k, { sum: b.sum + s.requestsPerSec, n: b.n + 1, liveVas: Math.max(b.liveVas, s.liveVas) });
    }
    for (const [k, b] of own) {
      const total = buckets.get(k) ?? { rate: 0, liveVas: 0 };
      buckets.set(k, { rate: total.rate + b.sum / b.n, liveVas: Math.max(total.liveVas, b.liveVas) });
    }
  }
  const merged: ThroughputSample[] = [];
  for (const [k, b] of [...buckets].sort(([a], [c]) => a - c)) {
    addSample(merged, { t: Math.round(k * width * 10) / 10, requestsPerSec: Math.round(b.rate), liveVas: b.liveVas });
  }
  return merged;
}

const distinct = (values: readonly string[]): string => [...new Set(values)].join(', ');

/**
 * Merges the reports of one campaign's shards into one report.
 * @param reports - shard reports of one campaign (same seed, backend, C source and sanitizer)
 * @param sources - optional names of the reports (their files), used in error messages
 * @returns shards unioned, statistics, jobs and C coverage counts summed, findings deduplicated by signature
 *   (earliest sighting kept), throughput merged by time bucket, the longest elapsed time,
 *   `interrupted` if any shard was, and the highest peak RSS
 * @throws Error naming the reports and the values when they are not shards of one campaign
 * @public
 */
export function mergeReports(reports: readonly CampaignReport[], sources?: readonly string[]): CampaignReport {
  if (reports.length === 0) throw new Error('cannot merge: no reports given');
  requireSame(reports, sources, 'schema', (r) => r.schema);
  const seed = requireSame(reports, sources, 'the seed', (r) => r.seed);
  const backend = requireSame(reports, sources, 'the backend', (r) => r.backend);
  const cSource = requireSame(reports, sources, 'the C source', (r) => r.cSource);
  const sanitize = requireSame(reports, sources, 'the sanitizer setting', (r) => r.sanitize);
  const eraLabel = requireSame(reports, sources, 'the era', (r) => (r.era ? describeEraRecord(r.era) : null));
  const registered = mergedRegistered(reports);
  const shards = unionShards(reports, sources);
  const stats = emptyStats();
  for (const r of reports) mergeStats(stats, r.stats);
  const covered = reports.flatMap((r) => (r.coverage ? [r.coverage] : []));
  const startedAt = reports.map((r) => r.startedAt).sort(cmp)[0]!;
  const finishedAt = reports.map((r) => r.finishedAt).sort(cmp).at(-1)!;
  return {
    schema: REPORT_SCHEMA,
    campaign: mergedName(reports),
    seed,
    shards,
    backend,
    cSource,
    ...(eraLabel !== null && reports[0]!.era ? { era: reports[0]!.era } : {}),
    ...(registered ? { registeredFindings: registered } : {}),
    sanitize,
    startedAt,
    finishedAt,
    elapsedSeconds: Math.max(...reports.map((r) => r.elapsedSeconds)),
    workers: reports.reduce((n, r) => n + r.workers, 0),
    jobsDone: reports.reduce((n, r) => n + r.jobsDone, 0),
    stoppedBy: reports.some((r) => r.stoppedBy === 'interrupted') ? 'interrupted' : reports[0]!.stoppedBy,
    stats,
    throughput: mergeThroughput(reports.map((r) => r.throughput)),
    findings: unionFindings(reports),
    // Shards of one C source built alike: their counts add up.
    ...(covered.length > 0 && { coverage: mergeCoverage(covered) }),
    machine: {
      cpus: Math.max(...reports.map((r) => r.machine.cpus)),
      node: distinct(reports.map((r) => r.machine.node)),
      platform: distinct(reports.map((r) => r.machine.platform)),
      peakRssMb: Math.max(...reports.map((r) => r.machine.peakRssMb)),
    },
  };
}

/** The registered findings' statuses over all shards (present and fixed: partly fixed); null when no shard has them. */
function mergedRegistered(reports: readonly CampaignReport[]): CampaignReport['registeredFindings'] | null {
  const withThem = reports.filter((r) => r.registeredFindings);
  if (withThem.length === 0) return null;
  const status = new Map<string, RegisteredStatus>();
  for (const r of withThem) for (const { id, status: s } of r.registeredFindings!) status.set(id, combineRegistered(status.get(id), s));
  return [...status].map(([id, s]) => ({ id, status: s }));
}

/** A problem with one field of a report file, as `field: what is wrong`. */
class ReportShapeError extends Error {}

type Json = unknown;
const kind = (v: Json): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`);

function field(obj: Json, key: string, where: string): Json {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw new ReportShapeError(`${where || 'the file'} must be an object, got ${kind(obj)}`);
  if (!(key in obj)) throw new ReportShapeError(`missing field '${where ? `${where}.` : ''}${key}'`);
  return (obj as Record<string, Json>)[key];
}

function expect(ok: boolean, path: string, wanted: string, got: Json): void {
  if (!ok) throw new ReportShapeError(`field '${path}' must be ${wanted}, got ${kind(got)}`);
}

const isCount = (v: Json): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Checks `obj[keys]` against a one-word spec each: count, number, string, boolean, string|null, or a list of allowed strings. */
function checkFields(obj: Json, where: string, spec: Readonly<Record<string, string | readonly string[]>>): void {
  for (const [key, type] of Object.entries(spec)) {
    const v = field(obj, key, where);
    const path = where ? `${where}.${key}` : key;
    if (Array.isArray(type)) expect(typeof v === 'string' && type.includes(v), path, `one of ${type.join(', ')}`, v);
    else if (type === 'count') expect(isCount(v), path, 'a non-negative number', v);
    else if (type === 'number') expect(typeof v === 'number' && Number.isFinite(v), path, 'a number', v);
    else if (type === 'string|null') expect(v === null || typeof v === 'string', path, 'a string or null', v);
    else expect(typeof v === type, path, `a ${type}`, v);
  }
}

function checkArray(v: Json, path: string, each: (item: Json, itemPath: string) => void): void {
  expect(Array.isArray(v), path, 'an array', v);
  (v as Json[]).forEach((item, i) => each(item, `${path}[${i}]`));
}

function checkCounts(v: Json, path: string): void {
  expect(typeof v === 'object' && v !== null && !Array.isArray(v), path, 'an object of counts', v);
  for (const [key, count] of Object.entries(v as Record<string, Json>)) expect(isCount(count), `${path}.${key}`, 'a non-negative number', count);
}

/** Throws ReportShapeError at the first field of `data` that does not fit CampaignReport. */
function validateReport(data: Json): asserts data is CampaignReport {
  const schema = field(data, 'schema', '');
  if (schema !== REPORT_SCHEMA) throw new ReportShapeError(`schema is ${JSON.stringify(schema)}, expected "${REPORT_SCHEMA}" (not a campaign report, or one of another version)`);
  checkFields(data, '', {
    campaign: 'string',
    seed: 'number',
    backend: ['ts', 'c', 'both'],
    cSource: 'string|null',
    sanitize: 'boolean',
    startedAt: 'string',
    finishedAt: 'string',
    elapsedSeconds: 'count',
    workers: 'count',
    jobsDone: 'count',
    stoppedBy: ['duration', 'interrupted', 'jobs'],
  });
  checkArray(field(data, 'shards', ''), 'shards', (s, p) => expect(typeof s === 'string', p, 'a string', s));
  const stats = field(data, 'stats', '');
  checkFields(stats, 'stats', { requests: 'count', sequences: 'count', maxLiveVas: 'count' });
  for (const key of ['byKind', 'opShapes', 'docCases', 'invariantChecks', 'liveVas']) checkCounts(field(stats, key, 'stats'), `stats.${key}`);
  checkArray(field(data, 'throughput', ''), 'throughput', (s, p) => checkFields(s, p, { t: 'count', requestsPerSec: 'count', liveVas: 'count' }));
  checkArray(field(data, 'findings', ''), 'findings', (f, p) =>
    checkFields(f, p, {
      signature: 'string',
      class: ['invariant', 'crash', 'hang', 'divergence', 'sanitizer'],
      what: 'string',
      detail: 'string',
      known: 'string|null',
      requests: 'count',
      firstSeenAt: 'string',
      firstSeenJob: 'count',
      replay: 'string',
    }),
  );
  checkFields(field(data, 'machine', ''), 'machine', { cpus: 'count', node: 'string', platform: 'string', peakRssMb: 'count' });
  if ((data as { coverage?: Json }).coverage !== undefined) checkCoverage(field(data, 'coverage', ''));
}

function checkCoverage(c: Json): void {
  checkFields(c, 'coverage', { file: 'string' });
  for (const key of ['lines', 'branches']) checkFields(field(c, key, 'coverage'), `coverage.${key}`, { hit: 'count', total: 'count' });
  checkArray(field(c, 'functions', 'coverage'), 'coverage.functions', (f, p) => {
    checkFields(f, p, { name: 'string', startLine: 'count', endLine: 'count', calls: 'count' });
    checkArray(field(f, 'counts', p), `${p}.counts`, (e, q) => expect(typeof e === 'string', q, 'a string', e));
  });
}

/**
 * Reads a `report.json` and checks it against schema version 1.
 * @throws Error `<path>: <problem>` when the file cannot be read, is not JSON, has another
 *   schema, or lacks a field or has one of the wrong type (named by its path, e.g.
 *   `stats.byKind.map`)
 * @public
 */
export function readReport(path: string): CampaignReport {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`${path}: cannot read the report (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let data: Json;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${(error as Error).message})`);
  }
  try {
    validateReport(data);
  } catch (error) {
    if (error instanceof ReportShapeError) throw new Error(`${path}: ${error.message}`);
    throw error;
  }
  return data;
}
