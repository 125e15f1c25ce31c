/**
 * The command that reruns one job of a campaign (`gpuvm-check fuzz --job K --seed S ...`): every
 * flag that defines the job's engine, generated input and C target, spelled out (defaults too,
 * so that the command still means the same job when a later version changes a default). Guided
 * jobs have none: their input is mutated from the corpus the campaign had then.
 */
import { shellWord } from '../src/cli/shellWord.ts';
import { jobFor } from './jobs.ts';
import type { CampaignIdentity } from './state.ts';

/**
 * The command line that reruns job `job` of the campaign of `id`; null for a guided job, whose
 * parents come from the campaign's corpus and not from the seed (its finding replays with
 * `check`).
 * @public
 */
export function rerunCommand(id: CampaignIdentity, job: number): string | null {
  const guided = id.guided === true;
  if (jobFor(id.seed, { index: 0, count: 1 }, job, id.walkRequests, guided).engine === 'guided') return null;
  const flags = [`--job ${job}`, `--seed ${id.seed}`, `--backend ${id.backend}`];
  if (id.cSource !== null) flags.push(`--c-source ${shellWord(id.cSource)}`);
  if (id.cHeader) flags.push(`--c-header ${shellWord(id.cHeader)}`);
  // With C code the era is the source's; the port alone runs the recorded one.
  if (id.backend === 'ts' && id.era && id.era.features.length > 0) flags.push(`--era ${id.era.features.join(',')}`);
  if (id.sanitize) flags.push('--sanitize');
  // The job mix: a blind campaign with C code (where guidance was possible) says so.
  else if (id.backend !== 'ts' && !guided) flags.push('--no-guided');
  flags.push(`--max-requests ${id.walkRequests}`, `--runs-per-job ${id.runsPerJob}`);
  return `npx gpuvm-check fuzz ${flags.join(' ')}`;
}
