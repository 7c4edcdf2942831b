// GitHub organization/enterprise audit log in its three shapes: current flat lines (`@timestamp`,
// `_document_id`, epoch ms), legacy exports (only `created_at`, action details nested in `data{}`), and
// CSV exports whose headers are the same keys flattened with dots (`data.old_user`,
// `actor_location.country_code`) and whose cells are all text. All three are first brought to one
// shape (nested objects, `data{}` merged under the top level) and then read once.
import type { Change, MappedEvent, Outcome, Party } from '../../../../shared/model.ts';
import { parseTime } from '../../../../shared/time.ts';
import { changesFromPrefixedKeys, decodeJsonString, isPlainObject } from '../changes.ts';
import type { FormatMapper } from '../types.ts';
import { MapError } from '../types.ts';
import { firstText, noParty, obj, text, type Rec } from './recordFields.ts';
import { cleanIp, describeEvent } from './eventText.ts';

const EPOCH_DIGITS = /^\d{10,16}$/;

function isEpoch(v: unknown): boolean {
  return (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && EPOCH_DIGITS.test(v));
}

function detect(r: Rec): number {
  const action = text(r['action']);
  if (action === null) return 0;
  const hasActor = r['actor'] !== undefined || r['actor_id'] !== undefined;
  const when = r['@timestamp'] ?? r['created_at'];
  if (r['_document_id'] !== undefined && hasActor && isEpoch(when)) return 0.95;
  // Every GitHub action is `category.verb`; the times are epoch milliseconds.
  if (hasActor && action.includes('.') && isEpoch(when)) return 0.85;
  if (hasActor && action.includes('.') && (r['org'] !== undefined || r['repo'] !== undefined || r['business'] !== undefined)) return 0.5;
  return 0;
}

/** `{"data.old_user": "a", "actor_location.country_code": "IN"}` → nested objects; empty CSV cells dropped. */
function unflatten(r: Rec): Rec {
  if (!Object.keys(r).some((k) => k.includes('.'))) return r;
  const out: Rec = {};
  for (const [key, value] of Object.entries(r)) {
    if (value === '' || value === undefined) continue;
    const parts = key.split('.');
    let cur = out;
    for (let i = 0; i < parts.length - 1; i++) {
      const p = parts[i]!;
      const next = cur[p];
      if (isPlainObject(next)) cur = next;
      else if (next === undefined) cur = cur[p] = {} as Rec;
      else break; // a scalar already sits there: keep the first, ignore the deeper key
    }
    const last = parts[parts.length - 1]!;
    if (cur[last] === undefined) cur[last] = value;
  }
  return out;
}

/** Legacy exports keep action details in `data{}`; top-level keys win when both exist. */
function flatView(r: Rec): Rec {
  const data = obj(r['data']);
  if (!data) return r;
  const out: Rec = { ...data, ...r };
  delete out['data'];
  return out;
}

/** CSV cells are text: `"true"` is a boolean there. */
function truthy(v: unknown): boolean {
  return v === true || (typeof v === 'string' && /^true$/i.test(v.trim()));
}

// Actions that record a refusal rather than a done deed.
const FAILURE_ACTION = /(^|[._])(fail|failed|failure|rejected?|denied|blocked)($|[._])/;

function outcomeOf(action: string | null, statusCode: unknown): Outcome {
  const code = Number(text(statusCode));
  if (Number.isInteger(code) && code >= 100) return code >= 400 ? 'failure' : 'success';
  if (action !== null && FAILURE_ACTION.test(action)) return 'failure';
  // The audit log records actions that happened.
  return 'success';
}

function entityOf(v: Rec): Party {
  if (text(v['repo']) !== null || text(v['repository']) !== null) {
    return { id: firstText(v['repo_id'], v['repository_id']), name: firstText(v['repo'], v['repository']), type: 'repo' };
  }
  if (text(v['team']) !== null) return { id: text(v['team_id']), name: text(v['team']), type: 'team' };
  if (text(v['hook_id']) !== null) return { id: text(v['hook_id']), name: null, type: 'hook' };
  if (text(v['org']) !== null) return { id: text(v['org_id']), name: text(v['org']), type: 'org' };
  if (text(v['business']) !== null) return { id: text(v['business_id']), name: text(v['business']), type: 'business' };
  return noParty();
}

function targetOf(v: Rec): Party {
  const user = firstText(v['user'], v['target_login']);
  if (user !== null) return { id: text(v['user_id']), name: user, type: 'user' };
  return noParty();
}

/** old_* / *_was / *_were / previous_* pairs; CSV cells may hold JSON lists as text. */
function changesOf(v: Rec): Change[] {
  const decoded: Rec = {};
  for (const [k, x] of Object.entries(v)) decoded[k] = decodeJsonString(x);
  return changesFromPrefixedKeys(decoded);
}

function map(record: Rec): MappedEvent[] {
  if (!isPlainObject(record)) throw new MapError('a GitHub audit log entry must be a JSON object');
  const v = flatView(unflatten(record));
  const action = text(v['action']);
  const when = v['@timestamp'] ?? v['created_at'] ?? v['timestamp'];
  if (action === null && when === undefined) throw new MapError('not a GitHub audit log entry: it has neither action nor a time');
  const actorName = text(v['actor']);
  const isBot = truthy(v['actor_is_bot']) || (actorName !== null && actorName.endsWith('[bot]'));
  const entity = entityOf(v);
  const target = targetOf(v);
  return [{
    time: parseTime(when, { unit: 'ms' }),
    system: 'github',
    action,
    category: action === null ? null : action.split('.')[0]!,
    status: text(v['status_code']),
    outcome: outcomeOf(action, v['status_code']),
    actor: {
      id: text(v['actor_id']),
      name: actorName,
      type: actorName === null && v['actor_id'] === undefined ? null : isBot ? 'bot' : 'user',
      sourceType: isBot ? 'bot' : null,
      ip: cleanIp(v['actor_ip']),
      userAgent: text(v['user_agent']),
    },
    target,
    entity,
    description: describeEvent(action, actorName, entity.name ?? target.name, null),
    changes: changesOf(v),
    version: null,
    sourceEventId: text(v['_document_id']),
  }];
}

export const githubMapper: FormatMapper = {
  name: 'github-audit',
  label: 'GitHub audit log',
  detect,
  map,
};
