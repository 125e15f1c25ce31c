/**
 * gpuvm-check as a library, for driver authors (docs/library.md): the reference model of the
 * documented contract of `drm_gpuvm.c`, the fast-check arbitraries of request sequences, the
 * named invariants and the checked harness that runs the TypeScript port against the model.
 *
 * Everything here is a re-export; each symbol is documented where it is defined. Addresses,
 * ranges and offsets are u64 on `bigint`; GEM handles are numbers.
 */

// Requests and traces (`trace-format.md`): what every other part speaks.
export { request, formatRequest, SIGNATURES, MAX_HANDLE } from './trace/request.ts';
export type { Request, RequestKind, RequestArgs, Mode } from './trace/request.ts';
export { parseTrace, parseU64, TraceParseError } from './trace/parse.ts';
export type { ParsedRequest } from './trace/parse.ts';

// Eras of upstream drm_gpuvm.c: which requests exist and how some of them read.
export { SEED_ERA, hasFeature } from './era/era.ts';
export type { Era, EraFeature } from './era/era.ts';
export { parseEra, ERA_PRESETS, NEWEST_ERA } from './era/presets.ts';

// Results, as transcripts print them and as the invariants compare them.
export type { OpLine, RequestResult } from './driver/result.ts';
export { sameFields, sameResult } from './driver/result.ts';
export type { VaFields } from './driver/format.ts';
export { parseOpLine, parseRequestResult } from '../properties/opLines.ts';

// The model: what the documented contract expects of every request.
export { ModelDriver, ModelNotApplicable, MAX_MODEL_WINDOW, runModel, formatModelResult, requestResultOf } from '../model/modelDriver.ts';
export type { ModelVa, ModelResult } from '../model/modelDriver.ts';
export type { ModelOp } from '../model/ops.ts';
export { formatModelOp, formatModelVaLine, opLineOfModelOp } from '../model/ops.ts';

// fast-check arbitraries: request sequences in VA spaces chosen where bugs live.
export { sequences, plan, concreteRequests } from '../properties/sequences.ts';
export type { GeneratedSequence } from '../properties/sequences.ts';
export { vaSpace, initRequest, GRANULE } from '../properties/generators/vaSpace.ts';
export type { VaSpace } from '../properties/generators/vaSpace.ts';
export { stepsFor, aimedMap, aimedLookup, zeroThenMap, resolveAimed, resolveAimedLookup, resolveZeroThenMap } from '../properties/generators/requests.ts';
export type { GeneratedStep, AimedMap, AimedLookup, ZeroThenMap, AimShape, LookupKind, AimTarget } from '../properties/generators/requests.ts';
export { expectedSteps } from '../properties/expectedSteps.ts';
export type { ExpectedStep } from '../properties/expectedSteps.ts';

// The invariants: each named, each failing with what broke.
export { REQUEST_INVARIANTS, checkStep, bigintJson } from '../properties/invariants/requestInvariants.ts';
export type { RequestInvariant } from '../properties/invariants/requestInvariants.ts';
export type { Step, SpaceState, StateVa } from '../properties/invariants/step.ts';
export { InvariantViolation, expectInvariant } from '../properties/invariants/violation.ts';

// The checked harness: the TypeScript port and the model side by side, every request checked.
export { runChecked, CheckedRunFailure, portState, modelState, handleOf, CHECK_PHASES } from '../properties/harness.ts';
export type { PlannedRequest, CheckedRunOptions, CheckPhase } from '../properties/harness.ts';
export { TsDriver } from './driver/tsDriver.ts';
export type { TsDriverOptions } from './driver/tsDriver.ts';
