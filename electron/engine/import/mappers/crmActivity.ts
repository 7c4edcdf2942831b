// CRM organization activity log (seed 004), as CSV or JSON: a Title Case action label (`Lead Status
// Changed`), a Category (Leads, Clients, Tasks, Members, Subscription, API Keys…), the User who did it,
// a human Description and a Date. The entity type comes from the action's noun (Lead), and a
// description saying `from "New" to "Contacted"` becomes a before/after change.
import type { Change, MappedEvent, Party } from '../../../../shared/model.ts';
import { parseTime } from '../../../../shared/time.ts';
import { makeChange } from '../changes.ts';
import type { FormatMapper } from '../types.ts';
import { firstIp, LooseKeys, noParty, party, type Rec } from './recordFields.ts';

const CATEGORIES = new Set([
  'leads', 'clients', 'tasks', 'timesheets', 'files', 'notes', 'note tags', 'events', 'meetings', 'members',
  'organization', 'api keys', 'subscription', 'subscription & billing', 'billing',
]);

/** Entity nouns an action label starts with, longest first (`Note Tag` before `Note`). */
const NOUNS = [
  'API Key', 'Note Tag', 'Invitation', 'Organization', 'Subscription', 'Timesheet', 'Meeting', 'Client',
  'Member', 'Event', 'Lead', 'Task', 'File', 'Note', 'Plan', 'Seats',
];

/** Nouns whose records belong to another entity (a plan or seat count is part of the subscription). */
const NOUN_ENTITY: Readonly<Record<string, string>> = { Plan: 'Subscription', Seats: 'Subscription' };

const VERBS = /\s(Created|Updated|Deleted|Changed|Assigned|Invited|Joined|Removed|Cancell?ed|Canceled|Approved|Rejected|Revoked|Reactivated|Saved|Completed|Failed|Reprocessed)$/;
const ACTION_LABEL = /^[A-Z][A-Za-z]*( [A-Z][A-Za-z]*)+$/;

function detect(r: Rec): number {
  const k = new LooseKeys(r);
  const action = k.text('Action');
  if (action === null || !ACTION_LABEL.test(action)) return 0;
  const category = k.text('Category')?.toLowerCase();
  const hasUser = k.has('User') || k.has('Member') || k.has('Performed By');
  const hasDate = k.has('Date') || k.has('Created At') || k.has('Timestamp');
  const knownNoun = NOUNS.some((n) => action.startsWith(`${n} `)) && VERBS.test(action);
  if (category !== undefined && CATEGORIES.has(category) && knownNoun) return hasDate ? 0.9 : 0.75;
  if (knownNoun && hasUser && hasDate && k.has('Description')) return 0.8;
  if (category !== undefined && CATEGORIES.has(category) && hasDate) return 0.6;
  return 0;
}

function nounOf(action: string): string | null {
  return NOUNS.find((n) => action === n || action.startsWith(`${n} `)) ?? null;
}

function singular(category: string): string {
  return category.replace(/ & .*$/, '').replace(/ies$/, 'y').replace(/s$/, '');
}

/**
 * The record a description names: the quote after the entity's own noun (`client "Acme GmbH"`), else the
 * first quote that is not a from/to value, else `of Jamal Wright from`, else an email address.
 */
function nameFromDescription(description: string | null, noun: string | null): string | null {
  if (description === null) return null;
  const text = description.replace(/\bfrom\s+["“][^"”]*["”]\s+to\s+["“][^"”]*["”]/i, '');
  if (noun !== null) {
    const escaped = noun.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const m = new RegExp(`\\b${escaped}\\s+["“]([^"”]{1,200})["”]`, 'i').exec(text);
    if (m) return m[1]!;
  }
  const quoted = /["“]([^"”]{1,200})["”]/.exec(text);
  if (quoted) return quoted[1]!;
  const of = /\b(?:of|for)\s+(.{1,100}?)\s+from\s/i.exec(description);
  if (of) return of[1]!;
  const email = /[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}/.exec(description);
  return email ? email[0] : null;
}

/** `Lead Status Changed` → `status`; `Plan Changed` → `plan`; `Task Bulk Assignee Changed` → `assignee`. */
function changedField(action: string, noun: string | null): string {
  let middle = action.replace(VERBS, '');
  if (noun !== null && middle.startsWith(noun)) middle = middle.slice(noun.length);
  middle = middle.replace(/^\s*Bulk\s*/, '').trim();
  return (middle || noun || 'value').toLowerCase();
}

const FROM_TO = /\bfrom\s+(?:"([^"]*)"|“([^”]*)”|'([^']*)'|(\S+))\s+to\s+(?:"([^"]*)"|“([^”]*)”|'([^']*)'|([^\s.,;]+))/i;

function changesOf(action: string | null, noun: string | null, description: string | null): Change[] {
  if (action === null || description === null || !/(Changed|Updated)$/.test(action)) return [];
  const m = FROM_TO.exec(description);
  if (!m) return [];
  const before = m[1] ?? m[2] ?? m[3] ?? m[4];
  const after = m[5] ?? m[6] ?? m[7] ?? m[8];
  return [makeChange(changedField(action, noun), before, after)];
}

function map(r: Rec): MappedEvent[] {
  const k = new LooseKeys(r);
  const action = k.text('Action');
  const category = k.text('Category');
  const description = k.text('Description', 'Details');
  const noun = action !== null ? nounOf(action) : null;
  const entityType = (noun !== null ? (Object.hasOwn(NOUN_ENTITY, noun) ? NOUN_ENTITY[noun]! : noun) : null) ?? (category !== null ? singular(category) : null);
  const entityName = k.text('Entity', 'Target', 'Record') ?? nameFromDescription(description, noun);
  const entity: Party = entityType !== null || entityName !== null ? party(k.get('Entity Id', 'Record Id'), entityName, entityType) : noParty();
  const userName = k.text('User', 'Member', 'Performed By', 'User Name');
  return [
    {
      time: parseTime(k.get('Date', 'Created At', 'Timestamp', 'Time')),
      system: k.text('System') ?? 'crm',
      action,
      category,
      status: null,
      // Every recorded action happened; only AI processing reports its own failure.
      outcome: action !== null && /Failed$/.test(action) ? 'failure' : 'success',
      actor: {
        id: k.text('User Id', 'User Email', 'Email'),
        name: userName,
        type: userName === null ? null : 'user',
        sourceType: k.text('Role', 'User Role'),
        ip: firstIp(k.get('IP', 'IP Address')),
        userAgent: null,
      },
      target: noParty(),
      entity,
      description,
      changes: changesOf(action, noun, description),
      version: null,
      sourceEventId: k.text('Id', 'Activity Id', 'Log Id'),
    },
  ];
}

export const crmActivityMapper: FormatMapper = {
  name: 'crm-activity',
  label: 'CRM activity log',
  detect,
  map,
};
