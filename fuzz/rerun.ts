/**
 * The command that reruns one job of a campaign (`gpuvm-check fuzz --job K --seed S ...`): every
 * flag that defines the job's engine, generated input and C target, spelled out (defaults too,
 * so that the command still means the same job when a later version changes a default).
 */
import { shellWord } from '../src/cli/shellWord.ts';
import type { CampaignIdentity } from './state.ts';

/**
 * The command line that reruns job `job` of the campaign of `id`.
 * @public
 */
export function rerunCommand(id: CampaignIdentity, job: number): string {
  const flags = [`--job ${job}`, `--seed ${id.seed}`, `--backend ${id.backend}`];
  if (id.cSource !== null) flags.push(`--c-source ${shellWord(id.cSource)}`);
  if (id.cHeader) flags.push(`--c-header ${shellWord(id.cHeader)}`);
  // With C code the era is the source's; the port alone runs the recorded one.
  if (id.backend === 'ts' && id.era && id.era.features.length > 0) flags.push(`--era ${id.era.features.join(',')}`);
  if (id.sanitize) flags.push('--sanitize');
  flags.push(`--max-requests ${id.walkRequests}`, `--runs-per-job ${id.runsPerJob}`);
  return `npx gpuvm-check fuzz ${flags.join(' ')}`;
}
