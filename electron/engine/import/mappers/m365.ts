// Microsoft 365 Unified Audit Log: Purview CSV rows (`RecordId,CreationDate,RecordType,Operation,UserId,
// AuditData,…`), older PowerShell/portal CSV rows (`CreationDate,UserIds,Operations,AuditData`) and
// Management Activity API objects (the AuditData object itself). The real record is the AuditData JSON;
// the CSV columns are a locale-formatted summary used only when AuditData is missing or broken, so
// such a row still imports. AuditData.CreationTime has no zone and is UTC by Microsoft's schema.
import type { ActorKind, Change, MappedEvent, Outcome, Party } from '../../../../shared/model.ts';
import { parseTime } from '../../../../shared/time.ts';
import { changesFromList, decodeJsonString, isPlainObject } from '../changes.ts';
import type { FormatMapper } from '../types.ts';
import { MapError } from '../types.ts';
import { firstText, noParty, obj, text, type Rec } from './recordFields.ts';
import { cleanIp, describeEvent } from './eventText.ts';

function detect(r: Rec): number {
  const csv = r['AuditData'] !== undefined && r['CreationDate'] !== undefined;
  if (csv && (r['Operation'] !== undefined || r['Operations'] !== undefined)) return 0.95;
  if (csv) return 0.8;
  if (r['CreationTime'] !== undefined && r['Operation'] !== undefined) {
    let c = 0.7;
    if (r['RecordType'] !== undefined) c += 0.1;
    if (r['Workload'] !== undefined || r['OrganizationId'] !== undefined) c += 0.1;
    if (r['UserKey'] !== undefined || r['UserType'] !== undefined) c += 0.05;
    return c;
  }
  return 0;
}

// Management Activity API UserType enum.
const USER_TYPES: Readonly<Record<string, readonly [string, ActorKind]>> = {
  '0': ['Regular', 'user'], '1': ['Reserved', 'unknown'], '2': ['Admin', 'user'], '3': ['DcAdmin', 'system'],
  '4': ['System', 'system'], '5': ['Application', 'app'], '6': ['ServicePrincipal', 'service'],
  '7': ['CustomPolicy', 'system'], '8': ['SystemPolicy', 'system'], '9': ['PartnerTechnician', 'user'],
  '10': ['Guest', 'user'],
};

function actorType(ad: Rec, userId: string | null): { type: ActorKind | null; sourceType: string | null } {
  const raw = text(ad['UserType']);
  const known = raw === null ? undefined : USER_TYPES[raw];
  let type: ActorKind | null = known?.[1] ?? (raw === null ? null : 'unknown');
  // The name says more than UserType 0 for these: SharePoint apps and Exchange's own service host.
  if (userId !== null && /^NT AUTHORITY\\/i.test(userId)) type = 'system';
  else if (userId !== null && /^app@sharepoint$/i.test(userId)) type = 'app';
  return { type, sourceType: known?.[0] ?? raw };
}

// ResultStatus words: Success/Succeeded, True (Exchange cmdlets), Failed/False, PartiallySucceeded.
function outcomeOf(ad: Rec, action: string | null): Outcome {
  // AAD logs a failed sign-in as Operation UserLoginFailed with ResultStatus "Success" (the logging
  // succeeded): the operation and LogonError say what happened.
  if (text(ad['LogonError']) !== null || (action !== null && /LoginFailed$/i.test(action))) return 'failure';
  const status = text(ad['ResultStatus'])?.toLowerCase();
  if (status === undefined) return 'unknown';
  if (status === 'success' || status === 'succeeded' || status === 'true') return 'success';
  if (status === 'failed' || status === 'failure' || status === 'false') return 'failure';
  if (status === 'partiallysucceeded') return 'warning';
  return 'unknown';
}

/** `[{Name, Value}]` lists (Parameters, ExtendedProperties) as a lookup. */
function nameValue(list: unknown, name: string): string | null {
  if (!Array.isArray(list)) return null;
  for (const x of list) {
    const o = obj(x);
    if (o && o['Name'] === name) return text(o['Value']);
  }
  return null;
}

/**
 * AAD `Target[]`/`Actor[]` entries are `{ID, Type}` where Type 5 is a UPN, 1 a display name and 2
 * holds, among GUIDs, the bare object-type word (`User`, `ServicePrincipal`, `Group`).
 */
function aadParty(list: unknown): Party | null {
  if (!Array.isArray(list)) return null;
  let upn: string | null = null;
  let displayName: string | null = null;
  let typeWord: string | null = null;
  for (const x of list) {
    const o = obj(x);
    const id = text(o?.['ID']);
    if (!o || id === null) continue;
    const t = text(o['Type']);
    if (t === '5') upn ??= id;
    else if (t === '1') displayName ??= id;
    else if (t === '2' && /^[A-Za-z]+$/.test(id)) typeWord ??= id;
  }
  if (upn === null && displayName === null && typeWord === null) return null;
  return { id: null, name: upn ?? displayName, type: typeWord };
}

function entityOf(ad: Rec): Party {
  const objectId = text(ad['ObjectId']);
  const aad = aadParty(ad['Target']);
  if (aad) return { id: objectId, name: aad.name ?? objectId, type: aad.type };
  const params = ad['Parameters'];
  const name = firstText(
    // Exchange cmdlets: `-Name` names a new object (an inbox rule); `-Identity` repeats ObjectId.
    ad['SourceFileName'], ad['ItemName'], ad['ListTitle'], obj(ad['ExchangeMetaData'])?.['Subject'],
    nameValue(params, 'Name'), objectId, nameValue(params, 'Identity'),
  );
  return { id: objectId, name, type: text(ad['ItemType']) };
}

function targetOf(ad: Rec, entity: Party, actorName: string | null): Party {
  if (entity.type === 'User' && entity.name !== null) return { id: entity.id, name: entity.name, type: 'User' };
  const sharedWith = text(ad['TargetUserOrGroupName']);
  if (sharedWith !== null) return { id: null, name: sharedWith, type: text(ad['TargetUserOrGroupType']) };
  const granted = nameValue(ad['Parameters'], 'User');
  if (granted !== null) return { id: null, name: granted, type: 'User' };
  const owner = text(ad['MailboxOwnerUPN']);
  if (owner !== null && owner.toLowerCase() !== actorName?.toLowerCase()) return { id: null, name: owner, type: 'User' };
  return noParty();
}

function changesOf(ad: Rec): Change[] {
  return changesFromList(ad['ModifiedProperties'], { path: 'Name', before: 'OldValue', after: 'NewValue' });
}

/** The AuditData object of a CSV row, or null when the column is missing or not a JSON object. */
function auditDataOf(row: Rec): Rec | null {
  const v = row['AuditData'];
  if (isPlainObject(v)) return v;
  return obj(decodeJsonString(v));
}

function map(record: Rec): MappedEvent[] {
  if (!isPlainObject(record)) throw new MapError('a Microsoft 365 audit record must be an object');
  const isCsvRow = record['AuditData'] !== undefined;
  const parsed = isCsvRow ? auditDataOf(record) : record;
  const ad: Rec = parsed ?? {};
  const row: Rec = isCsvRow ? record : {};

  const action = firstText(ad['Operation'], row['Operation'], row['Operations']);
  const when = ad['CreationTime'] ?? row['CreationDate'];
  const userId = firstText(ad['UserId'], row['UserId'], row['UserIds']);
  const sourceEventId = firstText(ad['Id'], row['RecordId'], row['Identity']);
  if (action === null && when === undefined && userId === null && sourceEventId === null) {
    throw new MapError(isCsvRow
      ? 'Microsoft 365 row has no readable AuditData and no Operation, CreationDate, UserId or RecordId column'
      : 'not a Microsoft 365 audit record: it has no Operation, CreationTime, UserId or Id');
  }

  const { type, sourceType } = actorType(ad, userId);
  const entity = parsed ? entityOf(ad) : noParty();
  const target = parsed ? targetOf(ad, entity, userId) : noParty();
  const problem = isCsvRow && !parsed ? 'AuditData is not valid JSON' : null;
  const extended = ad['ExtendedProperties'];
  return [{
    time: parseTime(when),
    system: 'm365',
    action,
    // Workload (Exchange, SharePoint, AzureActiveDirectory...) reads better than the RecordType number,
    // which stays in the raw record.
    category: firstText(ad['Workload'], row['RecordType'], ad['RecordType']),
    status: text(ad['ResultStatus']),
    outcome: outcomeOf(ad, action),
    actor: {
      id: firstText(ad['UserKey'] === 'Not Available' ? null : ad['UserKey'], userId),
      name: userId,
      type,
      sourceType,
      ip: cleanIp(firstText(ad['ClientIP'], ad['ClientIPAddress'], ad['ActorIpAddress'], ad['ClientIp'])),
      userAgent: firstText(ad['UserAgent'], nameValue(extended, 'UserAgent'), ad['ClientInfoString']),
    },
    target,
    entity,
    description: describeEvent(action, userId, entity.name ?? target.name, problem ?? text(ad['LogonError'])),
    changes: changesOf(ad),
    version: text(ad['Version']),
    sourceEventId,
  }];
}

export const m365Mapper: FormatMapper = {
  name: 'm365-ual',
  label: 'Microsoft 365 unified audit log',
  detect,
  map,
};
