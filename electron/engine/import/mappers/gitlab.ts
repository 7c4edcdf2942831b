// GitLab audit events: self-managed `audit_json.log` lines (flat dotted `meta.*` keys; the 2018
// generation keeps change/from/to at the top level), REST API entries and streaming bodies (both put
// the details under `details{}`; streaming adds `event_type`).
import type { Actor, ActorKind, Change, JsonValue, MappedEvent } from '../../../../shared/model.ts';
import { parseTime } from '../../../../shared/time.ts';
import { changesFromChangeFromTo, isPlainObject } from '../changes.ts';
import type { FormatMapper } from '../types.ts';
import { firstIp, firstText, noParty, obj, party, text, type Rec } from './recordFields.ts';

function detect(r: Rec): number {
  const hasAuthor = r['author_id'] !== undefined;
  const hasEntity = r['entity_type'] !== undefined && r['entity_id'] !== undefined;
  if (!hasAuthor || !hasEntity) return 0;
  const hasTime = r['created_at'] !== undefined || r['time'] !== undefined;
  if (!hasTime) return 0.5;
  const gitlabish =
    r['event_type'] !== undefined ||
    isPlainObject(r['details']) ||
    r['target_details'] !== undefined ||
    r['meta.remote_ip'] !== undefined ||
    r['change'] !== undefined;
  return gitlabish ? 0.95 : 0.8;
}

/** `meta.remote_ip` is a flat dotted key in audit_json.log but may be nested when re-exported. */
function meta(r: Rec, key: string): unknown {
  return r[`meta.${key}`] ?? obj(r['meta'])?.[key];
}

// GitLab's non-user authors (Gitlab::Audit::*Author) carry negative ids and an author_class.
function authorKind(authorClass: string | null, authorId: string | null): ActorKind {
  if (authorClass !== null) {
    if (authorClass === 'User') return 'user';
    if (/Unauthenticated/i.test(authorClass)) return 'unknown';
    if (/DeployToken|DeployKey|Runner|Token|Key/i.test(authorClass)) return 'service';
  }
  if (authorId === '-1') return 'unknown';
  if (authorId !== null && authorId.startsWith('-')) return 'service';
  return 'user';
}

/** REST/log entries have no action code: derive one from what the details say happened. */
function actionOf(r: Rec, d: Rec): string | null {
  const eventType = text(r['event_type']) ?? text(d['event_type']);
  if (eventType) return eventType;
  const change = text(r['change']) ?? text(d['change']);
  if (change) return `change ${change}`;
  for (const verb of ['add', 'remove', 'update', 'create', 'destroy']) {
    const what = text(r[verb]) ?? text(d[verb]);
    if (what) return `${verb} ${what}`;
  }
  const custom = text(d['custom_message']) ?? text(r['custom_message']);
  if (custom) return custom;
  if (text(r['with']) ?? text(d['with'])) return 'authentication';
  return null;
}

function map(r: Rec): MappedEvent[] {
  const d = obj(r['details']) ?? {};
  const authorId = firstText(r['author_id'], d['author_id']);
  const authorName = firstText(r['author_name'], d['author_name'], meta(r, 'user'));
  const authorClass = firstText(r['author_class'], d['author_class']);
  const actor: Actor = {
    id: authorId,
    name: authorName,
    type: authorKind(authorClass, authorId),
    sourceType: authorClass,
    ip: firstIp(r['ip_address'], d['ip_address'], meta(r, 'remote_ip')),
    userAgent: null,
  };

  const entityType = firstText(r['entity_type'], d['entity_type']);
  const entityId = firstText(r['entity_id'], d['entity_id']);
  const targetType = firstText(r['target_type'], d['target_type']);
  const targetId = firstText(r['target_id'], d['target_id']);
  const targetName = firstText(r['target_details'], d['target_details']);
  // The 2018 log line has no entity_path; its target_details names the same project.
  const sameObject = targetType === entityType && targetId === entityId;
  const entityName = firstText(r['entity_path'], d['entity_path'], sameObject ? targetName : null);

  const action = actionOf(r, d);
  const authMethod = firstText(r['with'], d['with']);
  const custom = firstText(d['custom_message'], r['custom_message']);
  const failed = action !== null && /fail/i.test(action);
  // Looks at the top level (2018 log lines) and then under details (API, streaming).
  const changes = changesFromChangeFromTo(r);
  const description =
    custom ??
    describe(authorName ?? authorId, action, authMethod, changes.length > 0 ? changes : null, targetName ?? entityName);

  return [
    {
      time: parseTime(r['created_at'] ?? r['time'] ?? d['created_at']),
      system: 'gitlab',
      action,
      category: entityType,
      status: null,
      // Audit events record what happened; failures are their own event types.
      outcome: failed ? 'failure' : 'success',
      actor,
      target: targetType !== null || targetId !== null || targetName !== null ? party(targetId, targetName, targetType) : noParty(),
      entity: party(entityId, entityName, entityType),
      description,
      changes,
      version: null,
      sourceEventId: text(r['id']),
    },
  ];
}

function shown(v: JsonValue): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}

function describe(
  who: string | null,
  action: string | null,
  authMethod: string | null,
  changes: Change[] | null,
  what: string | null,
): string | null {
  const subject = who ?? 'Someone';
  if (action === 'authentication') return `${subject} signed in${authMethod ? ` (${authMethod})` : ''}`;
  const change = changes?.[0];
  if (change) {
    const from = change.before === undefined ? '' : ` from ${shown(change.before)}`;
    const to = change.after === undefined ? '' : ` to ${shown(change.after)}`;
    return `${subject} changed ${change.path}${what ? ` of ${what}` : ''}${from}${to}`;
  }
  if (action === null) return null;
  return `${subject}: ${action}${what ? ` (${what})` : ''}`;
}

export const gitlabMapper: FormatMapper = {
  name: 'gitlab-audit',
  label: 'GitLab audit events',
  detect,
  map,
};
