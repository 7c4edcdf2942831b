// Google Workspace Admin SDK Reports activities (`admin#reports#activity`). One activity can carry
// several events: `events` is normally an array and yields one event per element, keyed
// `${uniqueQualifier}#${index}`. Collectors (Elastic) split that array so `events` is a single object
// and the same uniqueQualifier repeats across different events: those get no source id and are
// deduplicated by content instead. Parameters are typed by key (value, intValue as text, boolValue,
// multiValue, messageValue.parameter nesting) and carry the targets and OLD_VALUE/NEW_VALUE.
import type { ActorKind, Change, MappedEvent, Outcome, Party } from '../../../../shared/model.ts';
import { parseTime } from '../../../../shared/time.ts';
import { isPlainObject, makeChange } from '../changes.ts';
import type { FormatMapper } from '../types.ts';
import { MapError } from '../types.ts';
import { at, firstText, noParty, obj, text, type Rec } from './recordFields.ts';
import { cleanIp, describeEvent } from './eventText.ts';

function detect(r: Rec): number {
  const id = obj(r['id']);
  if (!id || id['time'] === undefined) return 0;
  const kind = text(r['kind']);
  const hasEvents = Array.isArray(r['events']) || isPlainObject(r['events']);
  if (kind !== null && kind.startsWith('admin#reports#') && hasEvents) return 0.97;
  if (hasEvents && (id['applicationName'] !== undefined || id['uniqueQualifier'] !== undefined)) return 0.9;
  return 0;
}

/** Nested parameter messages are bounded like everything else read from an archive. */
const MAX_PARAM_DEPTH = 8;

/** One parameter's value, whichever typed key holds it (int64s are text already). */
function paramValue(p: Rec, depth: number): unknown {
  if (p['value'] !== undefined) return p['value'];
  if (p['intValue'] !== undefined) return text(p['intValue']);
  if (p['boolValue'] !== undefined) return p['boolValue'];
  if (Array.isArray(p['multiValue'])) return p['multiValue'];
  if (Array.isArray(p['multiIntValue'])) return p['multiIntValue'].map(text);
  const message = obj(p['messageValue']);
  if (message) return paramsOf(message['parameter'], depth + 1);
  if (Array.isArray(p['multiMessageValue'])) {
    return p['multiMessageValue'].map((m) => paramsOf(obj(m)?.['parameter'], depth + 1));
  }
  return null;
}

/** `parameters[]` as an object keyed by parameter name (first one wins). */
function paramsOf(list: unknown, depth = 0): Rec {
  const out: Rec = {};
  if (!Array.isArray(list) || depth > MAX_PARAM_DEPTH) return out;
  for (const x of list) {
    const p = obj(x);
    const name = text(p?.['name']);
    if (!p || name === null || Object.hasOwn(out, name)) continue;
    out[name] = paramValue(p, depth);
  }
  return out;
}

const CALLER_KINDS: Readonly<Record<string, ActorKind>> = { USER: 'user', KEY: 'service', APPLICATION: 'app' };

function targetOf(params: Rec): Party {
  const user = text(params['USER_EMAIL']) ?? text(params['target_user']);
  return user === null ? noParty() : { id: null, name: user, type: 'user' };
}

function entityOf(params: Rec, target: Party): Party {
  const group = text(params['GROUP_EMAIL']) ?? text(params['group_email']);
  if (group !== null) return { id: null, name: group, type: 'group' };
  const docId = text(params['doc_id']);
  const docTitle = text(params['doc_title']);
  if (docId !== null || docTitle !== null) return { id: docId, name: docTitle ?? docId, type: text(params['doc_type']) ?? 'document' };
  const setting = text(params['SETTING_NAME']);
  if (setting !== null) return { id: null, name: setting, type: 'setting' };
  const app = text(params['APPLICATION_NAME']) ?? text(params['app_name']);
  if (app !== null) return { id: null, name: app, type: 'application' };
  const orgUnit = text(params['ORG_UNIT_NAME']);
  if (orgUnit !== null) return { id: null, name: orgUnit, type: 'org_unit' };
  return target;
}

/** OLD_VALUE/NEW_VALUE (admin) or old_value/new_value (Drive) name one change of SETTING_NAME. */
function changesOf(params: Rec): Change[] {
  const old = params['OLD_VALUE'] ?? params['old_value'];
  const now = params['NEW_VALUE'] ?? params['new_value'];
  if (old === undefined && now === undefined) return [];
  const path = text(params['SETTING_NAME']) ?? text(params['setting_name']) ?? 'value';
  return [makeChange(path, old ?? undefined, now ?? undefined)];
}

function outcomeOf(name: string | null): Outcome {
  if (name === null) return 'unknown';
  if (/fail|denied|blocked|reject/i.test(name)) return 'failure';
  return 'success';
}

const MAX_VALUE = 60;

function short(v: unknown): string | null {
  const t = Array.isArray(v) ? v.map(text).filter(Boolean).join(', ') : text(v);
  if (t === null || t === '') return null;
  return t.length > MAX_VALUE ? `${t.slice(0, MAX_VALUE - 1)}…` : t;
}

/** `CHANGE_APPLICATION_SETTING ExternalSharing external_sharing_mode (Drive and Docs): ALLOWED → ALLOWLISTED_DOMAINS by a@b.c` */
function describe(name: string | null, params: Rec, entity: Party, target: Party, actorName: string | null): string | null {
  const app = short(params['APPLICATION_NAME']);
  const old = short(params['OLD_VALUE'] ?? params['old_value']);
  const now = short(params['NEW_VALUE'] ?? params['new_value']);
  let what = entity.name ?? target.name;
  if (what !== null && app !== null && entity.type === 'setting') what = `${what} (${app})`;
  const value = old !== null || now !== null ? `${old ?? '∅'} → ${now ?? '∅'}` : null;
  return describeEvent(name, actorName, what, value);
}

function map(r: Rec): MappedEvent[] {
  if (!isPlainObject(r)) throw new MapError('a Google Workspace activity must be a JSON object');
  const id = obj(r['id']);
  if (!id) throw new MapError('not a Google Workspace activity: it has no id{time, uniqueQualifier} object');
  const actor = obj(r['actor']);
  const callerType = text(actor?.['callerType']);
  const actorName = firstText(actor?.['email'], at(actor, 'applicationInfo', 'applicationName'), actor?.['key']);
  const uniqueQualifier = text(id['uniqueQualifier']);
  const time = parseTime(id['time']);
  const app = text(id['applicationName']);

  // An array is the API's own shape; a lone object is a collector's split element.
  const raw = r['events'];
  const split = !Array.isArray(raw);
  const events: unknown[] = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const list = events.length === 0 ? [{}] : events;

  return list.map((e, index): MappedEvent => {
    const ev = obj(e) ?? {};
    const name = text(ev['name']);
    const params = paramsOf(ev['parameters']);
    const target = targetOf(params);
    const entity = entityOf(params, target);
    return {
      time,
      system: 'google_workspace',
      action: name,
      category: text(ev['type']) ?? app,
      status: null,
      outcome: outcomeOf(name),
      actor: {
        id: text(actor?.['profileId']),
        name: actorName,
        type: callerType === null ? (actor ? 'user' : null) : CALLER_KINDS[callerType] ?? 'unknown',
        sourceType: callerType,
        ip: cleanIp(r['ipAddress']),
        userAgent: null,
      },
      target,
      entity,
      description: describe(name, params, entity, target, actorName),
      changes: changesOf(params),
      version: null,
      sourceEventId: split || uniqueQualifier === null ? null : events.length === 0 ? uniqueQualifier : `${uniqueQualifier}#${index}`,
    };
  });
}

export const googleWorkspaceMapper: FormatMapper = {
  name: 'google-workspace',
  label: 'Google Workspace reports',
  detect,
  map,
};
