/**
 * The data a campaign passes around: jobs, their statistics and failures, findings, and the
 * report. Everything here is plain JSON-serialisable data (bigints travel as canonical trace
 * text), so it can cross worker boundaries and be written to disk as is.
 */
import type { FailureCheck } from './failureCheck.ts';

/** Which engine runs a job. @public */
export type EngineName = 'property' | 'walk' | 'guided';

/** Which backends a campaign checks. @public */
export type CampaignBackend = 'ts' | 'c' | 'both';

/** One unit of work; its seed is derived from the campaign seed and the job index. @public */
export interface JobSpec {
  readonly index: number;
  readonly seed: number;
  readonly engine: EngineName;
  /** Upper bound on requests in one generated sequence or walk. */
  readonly maxRequests: number;
  /**
   * The corpus traces a guided job mutates (canonical text), chosen by the campaign; with them
   * the job is deterministic. Empty or absent: it starts from property sequences of its seed.
   */
  readonly parents?: readonly string[];
  /**
   * Epoch milliseconds after which a walk stops early (the campaign's end), so that long walks
   * do not overrun `--duration`. Not part of the job's identity: without a deadline the job is
   * fully deterministic.
   */
  readonly deadline?: number;
}

/**
 * Counters of what a job exercised. Bounded by construction: keys come from small fixed sets
 * (request kinds, op shapes, doc cases 1..15, invariant names, log2 buckets), never from data.
 * @public
 */
export interface Stats {
  requests: number;
  sequences: number;
  byKind: Record<string, number>;
  opShapes: Record<string, number>;
  docCases: Record<string, number>;
  /** Invariant name → how many requests it was checked on. */
  invariantChecks: Record<string, number>;
  /** log2 bucket of live VAs after a request ("0", "1", "2-3", "4-7", ...) → count. */
  liveVas: Record<string, number>;
  maxLiveVas: number;
}

/** How a failure is classified. @public */
export type FailureClass = 'invariant' | 'crash' | 'hang' | 'divergence' | 'sanitizer';

/** A failing trace as a job detected it, cut after its failing request, not yet minimised. @public */
export interface JobFailure {
  readonly class: FailureClass;
  /** The invariant's name, the crashing backend, or the diverging line kind. */
  readonly what: string;
  readonly detail: string;
  /** Canonical trace text. */
  readonly trace: string;
  readonly signature: string;
  /** What recognises the failure on a candidate, for minimizing it; null when it cannot be (a lost job). */
  readonly check: FailureCheck | null;
  /** Registered finding id, or null for a new finding. */
  readonly known: string | null;
  /** The index of the job that found it. */
  readonly job: number;
  /** `c` for an invariant of the contract the C code breaks; absent for the port's and for C-vs-port findings. */
  readonly backend?: 'c';
  /** Files to store beside the trace: `ts.transcript`, `c.transcript`, `expected.txt`. */
  readonly files: Readonly<Record<string, string>>;
}

/** What a job returns. @public */
export interface JobResult {
  readonly job: JobSpec;
  readonly stats: Stats;
  /** Failures reported (each already handed to the campaign as it was detected). */
  readonly failures: number;
  readonly elapsedMs: number;
  /**
   * Registered findings this job saw on the C code: `present` (C breaks the contract as the
   * faithful port does) or `fixed` (the faithful port breaks it, C does not). Absent without C.
   */
  readonly registered?: Readonly<Record<string, RegisteredStatus>>;
  /**
   * Traces of this job that reached edges of the C code its worker had not seen, with those
   * edges, for the campaign's corpus; absent without edge coverage (fuzz/corpus.ts).
   */
  readonly coverage?: readonly CoverageCandidate[];
}

/** A trace and the edges of the C code it reached first in its worker. @public */
export interface CoverageCandidate {
  readonly trace: string;
  readonly edges: readonly number[];
}

/**
 * What a campaign over a C source says of one registered finding: `present` (C breaks the
 * contract as the faithful port does), `fixed` (the faithful port breaks it where C keeps it),
 * `partly-fixed` (both, on different traces), `not-reached`.
 * @public
 */
export type RegisteredStatus = 'present' | 'fixed' | 'partly-fixed' | 'not-reached';

/** Two sightings of one registered finding combined: present and fixed make partly fixed. @public */
export function combineRegistered(a: RegisteredStatus | undefined, b: RegisteredStatus): RegisteredStatus {
  if (a === undefined || a === 'not-reached' || a === b) return b;
  if (b === 'not-reached') return a;
  return 'partly-fixed';
}

/** A deduplicated, minimised finding as stored under `findings/<signature>/finding.json`. @public */
export interface StoredFinding {
  readonly signature: string;
  readonly class: FailureClass;
  readonly what: string;
  readonly detail: string;
  /** The registered finding it is (`GPUVM-00n`), or null when it is new. */
  readonly known: string | null;
  /** `c` for an invariant of the contract the C code breaks; absent for the port's and for C-vs-port findings. */
  readonly backend?: 'c';
  readonly requests: number;
  /**
   * True while the trace is not known to be minimal: stored as detected, or minimization cut
   * short by its budget, the campaign's end or Ctrl-C. `--resume` continues it. Absent in
   * reports written before minimization was bounded (read it as false).
   */
  readonly partial?: boolean;
  readonly firstSeenAt: string;
  readonly firstSeenJob: number;
  /** The command that tells whether it still reproduces (`npx gpuvm-check check <dir>`). */
  readonly replay: string;
  /**
   * The C source (and the header named with it) the campaign checked, for `check` to replay a C
   * finding on; absent for a TS-only campaign and in reports written before `check` existed.
   */
  readonly cSource?: string;
  readonly cHeader?: string;
}

/** Creates empty statistics. @public */
export function emptyStats(): Stats {
  return { requests: 0, sequences: 0, byKind: {}, opShapes: {}, docCases: {}, invariantChecks: {}, liveVas: {}, maxLiveVas: 0 };
}

function addCounts(into: Record<string, number>, from: Readonly<Record<string, number>>): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

/** Adds `from` into `into` (in place). @public */
export function mergeStats(into: Stats, from: Readonly<Stats>): Stats {
  into.requests += from.requests;
  into.sequences += from.sequences;
  addCounts(into.byKind, from.byKind);
  addCounts(into.opShapes, from.opShapes);
  addCounts(into.docCases, from.docCases);
  addCounts(into.invariantChecks, from.invariantChecks);
  addCounts(into.liveVas, from.liveVas);
  into.maxLiveVas = Math.max(into.maxLiveVas, from.maxLiveVas);
  return into;
}

/** The log2 bucket label of a live-VA count. @public */
export function liveVaBucket(n: number): string {
  if (n <= 1) return String(n);
  const lo = 2 ** Math.floor(Math.log2(n));
  return `${lo}-${lo * 2 - 1}`;
}
