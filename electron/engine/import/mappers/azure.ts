// Azure Activity Log in its two shapes: the REST / PowerShell / Graph shape (`eventTimestamp`,
// `operationName{value,localizedValue}`, `status{value}`, `caller`, `claims`, `eventDataId`) and the
// diagnostic-export shape of storage/Event Hub `records[]` (`time`, `operationName` as a string, often
// UPPERCASE, `resultType`, `callerIpAddress`, `identity{authorization,claims}`). The resource acted on
// is encoded in the ARM `resourceId` path. Request/response bodies are requests, not diffs: no changes.
import type { ActorKind, MappedEvent, Outcome, Party } from '../../../../shared/model.ts';
import { parseTime } from '../../../../shared/time.ts';
import { isPlainObject } from '../changes.ts';
import type { FormatMapper } from '../types.ts';
import { MapError } from '../types.ts';
import { at, firstText, noParty, obj, text, type Rec } from './recordFields.ts';
import { cleanIp, describeEvent } from './eventText.ts';

/** `{value, localizedValue}` objects of the REST shape, or plain strings of the export shape. */
function valueOf(v: unknown): string | null {
  const o = obj(v);
  return o ? firstText(o['value'], o['localizedValue']) : text(v);
}

function detect(r: Rec): number {
  if (r['operationName'] === undefined) return 0;
  if (r['eventTimestamp'] !== undefined) {
    const strong = r['eventDataId'] !== undefined || r['correlationId'] !== undefined || r['caller'] !== undefined;
    return strong ? 0.95 : 0.75;
  }
  if (r['time'] !== undefined && text(r['resourceId']) !== null) {
    const strong = r['resultType'] !== undefined || r['category'] !== undefined || r['correlationId'] !== undefined;
    return strong ? 0.9 : 0.6;
  }
  return 0;
}

const CLAIM_NAME = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name';
const CLAIM_UPN = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn';
const CLAIM_OBJECT_ID = 'http://schemas.microsoft.com/identity/claims/objectidentifier';

function actorKindOf(claims: Rec | null, principalType: string | null): { type: ActorKind | null; sourceType: string | null } {
  const idtyp = text(claims?.['idtyp']);
  if (idtyp !== null) return { type: idtyp === 'user' ? 'user' : idtyp === 'app' ? 'app' : 'unknown', sourceType: idtyp };
  if (principalType !== null) {
    const kind: ActorKind = /^user$/i.test(principalType) ? 'user' : /serviceprincipal|msi|managedidentity/i.test(principalType) ? 'service' : 'unknown';
    return { type: kind, sourceType: principalType };
  }
  if (!claims) return { type: null, sourceType: null };
  // An app-only token carries an appid but no user name claims.
  const hasUser = claims['name'] !== undefined || claims['upn'] !== undefined || claims[CLAIM_UPN] !== undefined;
  return { type: hasUser ? 'user' : claims['appid'] !== undefined ? 'app' : 'unknown', sourceType: null };
}

/**
 * `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/publicIPAddresses/ip1` →
 * type `Microsoft.Network/publicIPAddresses`, name `ip1` (nested types join: `…/namespaces/authorizationRules`).
 */
export function armEntity(resourceId: string | null): Party {
  if (resourceId === null) return noParty();
  const parts = resourceId.split('/').filter((p) => p !== '');
  let providers = -1;
  for (let i = parts.length - 1; i >= 0; i--) if (/^providers$/i.test(parts[i]!)) { providers = i; break; }
  if (providers >= 0 && providers + 1 < parts.length) {
    const namespace = parts[providers + 1]!;
    const rest = parts.slice(providers + 2);
    const types = rest.filter((_, i) => i % 2 === 0);
    const name = rest.length >= 2 && rest.length % 2 === 0 ? rest[rest.length - 1]! : null;
    return { id: resourceId, name, type: [namespace, ...types].join('/') };
  }
  const lower = parts.map((p) => p.toLowerCase());
  const rg = lower.indexOf('resourcegroups');
  if (rg >= 0 && rg + 1 < parts.length) return { id: resourceId, name: parts[rg + 1]!, type: 'Microsoft.Resources/resourceGroups' };
  const sub = lower.indexOf('subscriptions');
  if (sub >= 0 && sub + 1 < parts.length) return { id: resourceId, name: parts[sub + 1]!, type: 'Microsoft.Resources/subscriptions' };
  return { id: resourceId, name: parts[parts.length - 1] ?? null, type: null };
}

// Activity log status words: Started, Accepted, Succeeded, Failed, Canceled; export resultType: Start,
// Success, Failure. ResourceHealth uses Active/Resolved/Updated, which are not outcomes.
function outcomeOf(status: string | null): Outcome {
  const s = status?.toLowerCase();
  if (s === undefined) return 'unknown';
  if (s === 'succeeded' || s === 'success') return 'success';
  if (s === 'failed' || s === 'failure' || s === 'canceled' || s === 'cancelled') return 'failure';
  if (s === 'started' || s === 'start' || s === 'accepted' || s === 'in progress' || s === 'inprogress') return 'in_progress';
  return 'unknown';
}

function map(r: Rec): MappedEvent[] {
  if (!isPlainObject(r)) throw new MapError('an Azure Activity Log event must be a JSON object');
  const action = valueOf(r['operationName']);
  const when = r['eventTimestamp'] ?? r['time'];
  if (action === null && when === undefined) throw new MapError('not an Azure Activity Log event: it has neither operationName nor a time');
  const identity = obj(r['identity']);
  const claims = obj(r['claims']) ?? obj(identity?.['claims']);
  const principalType = text(at(identity, 'authorization', 'evidence', 'principalType'));
  const { type, sourceType } = actorKindOf(claims, principalType);
  const caller = text(r['caller']);
  const actorName = firstText(claims?.['name'], claims?.['upn'], claims?.[CLAIM_UPN], claims?.[CLAIM_NAME], caller);
  const entity = armEntity(text(r['resourceId']));
  const status = valueOf(r['status']) ?? text(r['resultType']);
  const localized = text(at(r, 'operationName', 'localizedValue'));
  const subStatus = valueOf(r['subStatus']);
  return [{
    time: parseTime(when),
    system: 'azure',
    action,
    category: valueOf(r['category']),
    status,
    outcome: outcomeOf(status),
    actor: {
      id: firstText(caller, claims?.[CLAIM_OBJECT_ID], claims?.['oid'], at(identity, 'authorization', 'evidence', 'principalId'), claims?.['appid']),
      name: actorName,
      type,
      sourceType,
      ip: cleanIp(firstText(at(r, 'httpRequest', 'clientIpAddress'), r['callerIpAddress'], claims?.['ipaddr'])),
      userAgent: null,
    },
    target: noParty(),
    entity,
    description: text(r['description']) ?? describeEvent(localized ?? action, actorName, entity.name, subStatus || text(r['resultSignature'])),
    changes: [],
    version: null,
    sourceEventId: text(r['eventDataId']),
  }];
}

export const azureMapper: FormatMapper = {
  name: 'azure-activity',
  label: 'Azure Activity Log',
  detect,
  map,
};
