// Community-platform activities (seeds 000/001): a dotted `type`, a payload `version`, an `initiator`,
// sometimes a `recipient`, and `metadata` holding related entity ids with point-in-time names (post
// title, feed label as they were when it happened). Time may be Postgres-style (`… 04:04:39.198523+00`).
import type { Actor, MappedEvent, Party } from '../../../../shared/model.ts';
import { parseTime } from '../../../../shared/time.ts';
import { changesFromPrefixedKeys, isPlainObject } from '../changes.ts';
import type { FormatMapper } from '../types.ts';
import { actorKind, at, firstIp, firstText, noParty, obj, party, text, type Rec } from './recordFields.ts';

/** The documented activity types and their descriptions (seed 000). */
const TYPE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  'award.given': 'An award was given to a member.',
  'badge.given': 'A badge was given to a member.',
  'calendar_event.user_registered': 'A member registered for a calendar event.',
  'calendar_event.user_unregistered': 'A member unregistered from a calendar event.',
  'comment.created': 'A member commented on a post.',
  'comment.deleted': 'A comment was deleted.',
  'comment.edited': 'A comment was edited.',
  'credential.given': 'A credential was given to a member.',
  'journey.completed': 'A member completed a journey.',
  'milestone.completed': 'A member completed a milestone.',
  'poll.created': 'A poll was created.',
  'poll.vote_added': 'A member voted on a poll.',
  'post.created': 'A member created a new post.',
  'post.deleted': 'A post was deleted.',
  'post.edited': 'A post was edited.',
  'site.auth.login_failure': 'An authentication attempt on the companion site failed.',
  'site.auth.login_success': 'A member successfully authenticated on the companion site.',
  'slack_message.created': 'A top-level Slack message was posted in a community channel.',
  'slack_message.threaded_reply.created': 'A threaded reply was posted in a community channel.',
  'slack_reaction.added': 'An emoji reaction was added to a Slack message.',
  'slack_reaction.removed': 'An emoji reaction was removed from a Slack message.',
  'workspace.user_joined': 'A user joined the Slack workspace.',
};

const DOTTED_TYPE = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

function detect(r: Rec): number {
  const type = text(r['type']);
  if (type === null || !DOTTED_TYPE.test(type)) return 0;
  const known = Object.hasOwn(TYPE_DESCRIPTIONS, type);
  if (r['initiator'] !== undefined) return known ? 0.9 : 0.75;
  if (known && (isPlainObject(r['metadata']) || r['version'] !== undefined)) return 0.7;
  return 0;
}

/** Groups the types the way the list in the docs does: `site.auth`, otherwise the first segment. */
function categoryOf(type: string): string {
  return type.startsWith('site.auth.') ? 'site.auth' : type.split('.')[0]!;
}

/** Metadata key stems that name the entity for each type family (first found wins). */
const ENTITY_STEMS: Readonly<Record<string, readonly string[]>> = {
  calendar_event: ['calendar_event', 'event'],
  site: ['site'],
  workspace: ['workspace', 'slack_workspace', 'team'],
  poll: ['poll'],
};

function fromStem(md: Rec, stem: string): { id: string | null; name: string | null } {
  const own = at(md, stem);
  const nested = obj(own);
  const id = firstText(md[`${stem}_id`], nested?.['id'], typeof own === 'string' ? own : null);
  const name = firstText(
    md[`${stem}_title`], md[`${stem}_name`], md[`${stem}_label`], md[`${stem}_question`], md[`${stem}_emoji`],
    nested?.['title'], nested?.['name'], nested?.['label'], nested?.['question'],
  );
  return { id, name };
}

/** Slack messages and reactions are about a message: its ts is the id, its channel the readable name. */
function slackMessageOf(md: Rec): Party | null {
  const ts = firstText(md['message_ts'], md['slack_message_ts'], md['ts'], md['message_id']);
  const channel = firstText(md['channel_name'], md['channel_id']);
  if (ts === null && channel === null) return null;
  return party(ts, channel === null ? null : `#${channel.replace(/^#/, '')}`, 'slack_message');
}

function entityOf(type: string, md: Rec | null): Party {
  if (!md) return noParty();
  const family = type.split('.')[0]!;
  if (family === 'slack_message' || family === 'slack_reaction') {
    const message = slackMessageOf(md);
    if (message) return message;
  }
  const stems = Object.hasOwn(ENTITY_STEMS, family) ? ENTITY_STEMS[family]! : [family];
  for (const stem of stems) {
    const e = fromStem(md, stem);
    if (e.id !== null || e.name !== null) return party(e.id, e.name, family);
  }
  // Otherwise the first related id the payload names (`feed_id` → a feed).
  for (const key of Object.keys(md)) {
    const m = /^(.+)_id$/.exec(key);
    if (m) {
      const e = fromStem(md, m[1]!);
      return party(e.id, e.name, m[1]);
    }
  }
  return noParty();
}

function personOf(v: unknown): { id: string | null; name: string | null; type: string | null; ip: string | null } {
  const o = obj(v);
  if (!o) return { id: text(v), name: null, type: null, ip: null };
  return {
    id: firstText(o['id'], o['profile_id'], o['member_id'], o['user_id'], o['slack_user_id']),
    name: firstText(o['name'], o['display_name'], o['full_name'], o['real_name'], o['email']),
    type: text(o['type']),
    ip: firstIp(o['ip_address'], o['ip']),
  };
}

function systemOf(r: Rec): string {
  for (const key of ['system', 'community', 'workspace']) {
    const v = r[key];
    const t = text(v) ?? firstText(obj(v)?.['name'], obj(v)?.['slug'], obj(v)?.['domain']);
    if (t !== null) return t;
  }
  return 'community';
}

function describe(type: string, entityName: string | null): string {
  const base = Object.hasOwn(TYPE_DESCRIPTIONS, type) ? TYPE_DESCRIPTIONS[type]! : `${type.replace(/[._]/g, ' ')}.`;
  return entityName ? `${base.replace(/\.$/, '')}: “${entityName}”` : base;
}

function map(r: Rec): MappedEvent[] {
  const type = text(r['type']);
  const md = obj(r['metadata']);
  const initiator = personOf(r['initiator']);
  const hasInitiator = initiator.id !== null || initiator.name !== null;
  const recipient = r['recipient'] === undefined || r['recipient'] === null ? null : personOf(r['recipient']);
  const actor: Actor = {
    id: initiator.id,
    name: initiator.name,
    // Initiators are members unless the payload says otherwise; a failed login may name nobody.
    type: hasInitiator ? (actorKind(initiator.type) ?? 'user') : 'unknown',
    sourceType: initiator.type,
    ip: firstIp(initiator.ip, md?.['ip_address'], md?.['ip']),
    userAgent: firstText(md?.['user_agent'], md?.['ua']),
  };
  const entity = type ? entityOf(type, md) : noParty();
  return [
    {
      time: parseTime(r['created_at'] ?? r['timestamp'] ?? r['occurred_at'] ?? r['createdAt']),
      system: systemOf(r),
      action: type,
      category: type ? categoryOf(type) : null,
      status: null,
      outcome: type === null ? 'unknown' : /(_failure|\.failed|_failed)$/.test(type) ? 'failure' : 'success',
      actor,
      target: recipient ? party(recipient.id, recipient.name, recipient.type ?? 'member') : noParty(),
      entity,
      // A comment has no title of its own; the post it is on names it for a reader.
      description: firstText(r['description']) ?? (type ? describe(type, entity.name ?? text(md?.['post_title'])) : null),
      // Edit payloads may carry the earlier value beside the current one (previous_title + post_title).
      changes: md ? changesFromPrefixedKeys(md) : [],
      version: text(r['version']),
      sourceEventId: text(r['id']),
    },
  ];
}

export const communityActivityMapper: FormatMapper = {
  name: 'community-activity',
  label: 'Community activity log',
  detect,
  map,
};
