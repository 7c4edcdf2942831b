// The registry of format mappers and format detection. Order matters: specific formats come first
// (a tie goes to the earlier one) and the generic mapper is last, the fallback when nothing claims a source.
import type { FormatMapper, MapContext } from '../types.ts';
import { azureMapper } from './azure.ts';
import { backofficeActivityMapper } from './backofficeActivity.ts';
import { cloudeventsMapper } from './cloudevents.ts';
import { cloudtrailMapper } from './cloudtrail.ts';
import { communityActivityMapper } from './communityActivity.ts';
import { crmActivityMapper } from './crmActivity.ts';
import { genericMapper } from './generic.ts';
import { githubMapper } from './github.ts';
import { gitlabMapper } from './gitlab.ts';
import { googleWorkspaceMapper } from './googleWorkspace.ts';
import { jiraMapper } from './jira.ts';
import { m365Mapper } from './m365.ts';
import { ocsfMapper } from './ocsf.ts';
import { oktaMapper } from './okta.ts';
import { slackMapper } from './slack.ts';
import { workspaceActivityMapper } from './workspaceActivity.ts';

export const mappers: readonly FormatMapper[] = [
  cloudtrailMapper,
  oktaMapper,
  githubMapper,
  m365Mapper,
  googleWorkspaceMapper,
  azureMapper,
  gitlabMapper,
  slackMapper,
  jiraMapper,
  ocsfMapper,
  cloudeventsMapper,
  communityActivityMapper,
  workspaceActivityMapper,
  backofficeActivityMapper,
  crmActivityMapper,
  genericMapper,
];

export function findMapper(name: string): FormatMapper | undefined {
  return mappers.find((m) => m.name === name);
}

/** A detector must not be able to break detection: a throw or a nonsense number reads as "not mine". */
function safeDetect(mapper: FormatMapper, record: Record<string, unknown>, ctx: MapContext): number {
  try {
    const c = mapper.detect(record, ctx);
    return Number.isFinite(c) ? Math.min(Math.max(c, 0), 1) : 0;
  } catch {
    return 0;
  }
}

/**
 * Picks the format of a source from sample records: the mapper with the highest mean confidence over
 * the samples (earlier in `mappers` on a tie); the generic mapper when no format claims them at all.
 */
export function detectMapper(samples: Record<string, unknown>[], ctx: MapContext): { mapper: FormatMapper; confidence: number } {
  let best: FormatMapper = genericMapper;
  let bestConfidence = 0;
  if (samples.length === 0) return { mapper: best, confidence: bestConfidence };
  for (const mapper of mappers) {
    let sum = 0;
    for (const s of samples) sum += safeDetect(mapper, s, ctx);
    const mean = sum / samples.length;
    if (mean > bestConfidence) {
      best = mapper;
      bestConfidence = mean;
    }
  }
  return { mapper: best, confidence: bestConfidence };
}
