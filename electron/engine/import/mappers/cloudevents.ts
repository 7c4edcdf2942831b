// CloudEvents 1.0 in structured JSON mode (one event; the reader splits batch arrays). The envelope
// says only what kind of event came from where; when `data` is a GCP Cloud Audit LogEntry (protoPayload
// AuditLog) the actor, method, resource, status and before/after come from the payload instead.
import type { Actor, Change, MappedEvent, Outcome, Party } from '../../../../shared/model.ts';
import { parseTime } from '../../../../shared/time.ts';
import { diffObjects, isPlainObject } from '../changes.ts';
import type { FormatMapper } from '../types.ts';
import { at, firstIp, firstText, noParty, obj, party, text, type Rec } from './recordFields.ts';

function detect(r: Rec): number {
  const required = ['id', 'source', 'specversion', 'type'].filter((k) => text(r[k]) !== null).length;
  if (required === 4) return /^1(\.\d+)?$/.test(text(r['specversion'])!) ? 0.95 : 0.85;
  return required === 3 && r['specversion'] !== undefined ? 0.5 : 0;
}

/** The audit payload of a GCP LogEntry: `@type` names AuditLog, or (older samples) the AuditLog fields are there. */
function auditLogOf(data: unknown): Rec | null {
  const proto = obj(at(data, 'protoPayload'));
  if (!proto) return null;
  const t = text(proto['@type']);
  if (t !== null) return /AuditLog$/.test(t) ? proto : null;
  return proto['methodName'] !== undefined || isPlainObject(proto['authenticationInfo']) ? proto : null;
}

/** `//cloudaudit.googleapis.com/...`, `https://github.com/x` → the host; other URI-references stay whole. */
function systemFromSource(source: string | null): string {
  if (source === null) return 'cloudevents';
  const m = /^(?:[a-z][a-z0-9+.-]*:)?\/\/([^/?#:]+)/i.exec(source);
  return (m ? m[1]! : source).slice(0, 200);
}

/** `projects/p/logs/cloudaudit.googleapis.com%2Fdata_access` → `data_access` (the audit log kind). */
function logKind(logName: string | null): string | null {
  if (logName === null) return null;
  const m = /cloudaudit\.googleapis\.com(?:%2F|\/)([A-Za-z_]+)$/i.exec(logName);
  return m ? m[1]! : null;
}

function withoutType(v: unknown): unknown {
  if (!isPlainObject(v)) return v;
  const { ['@type']: _dropped, ...rest } = v;
  return rest;
}

function gcpOutcome(status: unknown): { outcome: Outcome; status: string | null; message: string | null } {
  const s = obj(status);
  // An absent or empty status is google.rpc.Status OK.
  const code = text(s?.['code']);
  const message = text(s?.['message']);
  if (code === null || code === '0') return { outcome: 'success', status: code === null ? null : '0', message };
  return { outcome: 'failure', status: code, message };
}

function mapGcp(r: Rec, data: Rec, proto: Rec, common: Pick<MappedEvent, 'time' | 'version' | 'sourceEventId'>): MappedEvent {
  const principal = firstText(at(proto, 'authenticationInfo', 'principalEmail'), at(proto, 'authenticationInfo', 'principalSubject'));
  const actor: Actor = {
    id: principal,
    name: principal,
    type: principal === null ? null : /gserviceaccount\.com$|^serviceAccount:/i.test(principal) ? 'service' : 'user',
    sourceType: null,
    // `private` / `gce-internal-ip` stand in for addresses GCP does not disclose.
    ip: firstIp(at(proto, 'requestMetadata', 'callerIp')),
    userAgent: text(at(proto, 'requestMetadata', 'callerSuppliedUserAgent')),
  };
  const resourceName = firstText(proto['resourceName'], r['resourceName']);
  const entity: Party = resourceName
    ? party(resourceName, resourceName.split('/').pop(), firstText(at(data, 'resource', 'type'), proto['serviceName']))
    : noParty();
  const method = firstText(proto['methodName'], r['methodName']);
  const result = gcpOutcome(proto['status']);
  const original = proto['resourceOriginalState'];
  const request = proto['request'];
  const changes: Change[] =
    isPlainObject(original) && isPlainObject(request) ? diffObjects(withoutType(original), withoutType(request)) : [];
  return {
    ...common,
    system: 'gcp',
    action: method,
    category: logKind(text(data['logName'])) ?? text(proto['serviceName']),
    status: result.status,
    outcome: result.outcome,
    actor,
    target: noParty(),
    entity,
    description:
      result.message ?? (method ? `${principal ?? 'Someone'}: ${method}${resourceName ? ` on ${resourceName}` : ''}` : null),
    changes,
  };
}

function map(r: Rec): MappedEvent[] {
  const source = text(r['source']);
  const id = text(r['id']);
  const data = obj(r['data']);
  const common = {
    time: r['time'] !== undefined ? parseTime(r['time']) : parseTime(data?.['timestamp']),
    version: text(r['specversion']),
    sourceEventId: source !== null || id !== null ? `${source ?? ''}#${id ?? ''}` : null,
  };
  const proto = data ? auditLogOf(data) : null;
  if (data && proto) return [mapGcp(r, data, proto, common)];

  const type = text(r['type']);
  const subject = text(r['subject']);
  return [
    {
      ...common,
      system: systemFromSource(source),
      action: type,
      category: null,
      status: null,
      outcome: 'unknown',
      actor: { id: null, name: null, type: null, sourceType: null, ip: null, userAgent: null },
      target: noParty(),
      entity: subject ? party(subject, subject, null) : noParty(),
      description: type ? `${type}${source ? ` from ${source}` : ''}${subject ? ` (${subject})` : ''}` : null,
      changes: [],
    },
  ];
}

export const cloudeventsMapper: FormatMapper = {
  name: 'cloudevents',
  label: 'CloudEvents',
  detect,
  map,
};
