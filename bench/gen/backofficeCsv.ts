// A back-office "activity log" CSV export (Time,Type,Actor,Event,Entity,Status,Before,After,Metadata):
// team members' edits with Before/After JSON cells, background jobs with counts and stack traces,
// incoming webhooks with payloads, and system events. Cells are quoted per RFC 4180.
import { Rng, Weighted, Zipf, uniqueUuid } from './prng.ts';
import { word, words } from './vocab.ts';
import { isoMillis } from './timeline.ts';
import type { Tick } from './timeline.ts';
import type { FormatBuilder } from './format.ts';

export const BACKOFFICE_HEADER = 'Time,Type,Actor,Event,Entity,Status,Before,After,Metadata';

type Row = { type: string; actor: string; event: string; entity: string; before: unknown; after: unknown; meta: Record<string, unknown>; };
type Status = 'SUCCESS' | 'IN_PROGRESS' | 'WARNING' | 'FAILED';

const TEAM = ['Riley Park', 'Alex Chen', 'Sam Ortiz', 'Jordan Blake', 'Taylor Nguyen', 'Morgan Lee', 'Casey Ahmed', 'Jamie Rossi', 'Avery Kim', 'Drew Patel', 'Quinn Silva', 'Reese Novak'];
const FIRST = ['Alex', 'Maria', 'Tom', 'Aisha', 'Ken', 'Lucia', 'Omar', 'Greta', 'Paulo', 'Yuki', 'Nina', 'Ben'];
const LAST = ['Chen', 'Garcia', 'Miller', 'Khan', 'Sato', 'Bianchi', 'Haddad', 'Berg', 'Costa', 'Mori', 'Weber', 'Adams'];
const VARIETALS = ['Cabernet', 'Pinot Noir', 'Chardonnay', 'Riesling', 'Syrah', 'Rosé', 'Zinfandel', 'Merlot'];
const STATUSES: Record<string, Weighted<Status>> = {
  USER_ACTION: new Weighted<Status>([['SUCCESS', 97], ['FAILED', 2], ['WARNING', 1]]),
  BACKGROUND_JOB: new Weighted<Status>([['SUCCESS', 80], ['IN_PROGRESS', 8], ['WARNING', 7], ['FAILED', 5]]),
  WEBHOOK: new Weighted<Status>([['SUCCESS', 90], ['WARNING', 6], ['FAILED', 4]]),
  SYSTEM_EVENT: new Weighted<Status>([['SUCCESS', 95], ['WARNING', 3], ['FAILED', 2]]),
};
const JOBS = ['PROCESS_RELEASE_PAYMENTS', 'SYNC_SQUARE_STOCK', 'SYNC_WOO_ORDERS', 'SEND_DIGEST_EMAILS', 'RECALCULATE_MEMBER_TIERS', 'GENERATE_INVOICES', 'EXPORT_CSV', 'PURGE_ARCHIVED_CONTACTS'];
const WEBHOOKS: Array<[string, string, string]> = [
  ['Stripe', 'payment_intent.succeeded', 'pi_'], ['Stripe', 'payment_intent.payment_failed', 'pi_'], ['Stripe', 'charge.refunded', 'ch_'],
  ['Square', 'inventory.count.updated', 'sq_'], ['FedEx', 'tracking.updated', 'fx_'], ['OnCloudWine', 'order.created', 'ocw_'],
];

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);

export function backofficeBuilder(rng: Rng): FormatBuilder {
  const contacts = Array.from({ length: 2000 }, () => ({ id: 'ct_' + rng.alnum(10), name: `${rng.pick(FIRST)} ${rng.pick(LAST)}` }));
  const contactRank = new Zipf(contacts.length, 0.9);
  const products = Array.from({ length: 300 }, () => ({ id: 'pr_' + rng.alnum(10), name: `${cap(word(rng))} ${rng.pick(VARIETALS)} ${rng.int(2015, 2024)}` }));
  const productRank = new Zipf(products.length, 1.0);
  const releases = Array.from({ length: 40 }, () => ({ id: 'rl_' + rng.alnum(10), name: `${rng.pick(['Spring', 'Summer', 'Fall', 'Winter'])} ${rng.int(2024, 2026)} ${cap(word(rng))}` }));
  const memberRank = new Zipf(TEAM.length, 1.2);
  const types = new Weighted([['USER_ACTION', 45], ['BACKGROUND_JOB', 30], ['WEBHOOK', 20], ['SYSTEM_EVENT', 5]] as const);

  const userAction = (): Row => {
    const actor = TEAM[memberRank.sample(rng)]!;
    const r = rng.float();
    if (r < 0.4) {
      const c = contacts[contactRank.sample(rng)]!;
      const field = rng.pick(['status', 'tags', 'email', 'tier']);
      const [before, after] = field === 'status' ? [{ status: 'LEAD' }, { status: 'CUSTOMER' }]
        : field === 'tags' ? [{ tags: [word(rng)] }, { tags: [word(rng), word(rng)] }]
        : field === 'email' ? [{ email: `${c.name.split(' ')[0]!.toLowerCase()}@old.example` }, { email: `${c.name.split(' ')[0]!.toLowerCase()}@${word(rng)}.example` }]
        : [{ tier: 'Silver' }, { tier: 'Gold' }];
      return { type: 'USER_ACTION', actor, event: `Contact updated · ${c.name}`, entity: `contact:${c.id}`, before, after, meta: { note: words(rng, 3, ' ') } };
    }
    if (r < 0.7) {
      const p = products[productRank.sample(rng)]!;
      const stock = rng.int(0, 240);
      return rng.chance(0.6)
        ? { type: 'USER_ACTION', actor, event: `Stock adjusted · ${p.name}`, entity: `product:${p.id}`, before: { stock }, after: { stock: Math.max(0, stock - rng.int(1, 24)) }, meta: { reason: words(rng, 2, ' ') } }
        : { type: 'USER_ACTION', actor, event: `Product updated · ${p.name}`, entity: `product:${p.id}`, before: { price: rng.int(1500, 9000) / 100 }, after: { price: rng.int(1500, 9000) / 100 }, meta: {} };
    }
    if (r < 0.85) {
      const c = contacts[contactRank.sample(rng)]!;
      return { type: 'USER_ACTION', actor, event: `Contact created · ${c.name}`, entity: `contact:${c.id}`, before: null, after: null, meta: { source: word(rng) } };
    }
    const rel = rng.pick(releases);
    return rng.chance(0.5)
      ? { type: 'USER_ACTION', actor, event: `Release promoted to PENDING · ${rel.name}`, entity: `release:${rel.id}`, before: { status: 'DRAFT' }, after: { status: 'PENDING' }, meta: {} }
      : { type: 'USER_ACTION', actor, event: `Org setting changed · ${word(rng)}.${rng.pick(['enabled', 'threshold', 'carrier'])}`, entity: 'settings:org', before: { value: word(rng) }, after: { value: word(rng) }, meta: {} };
  };

  const job = (status: Status): Row => {
    const name = rng.pick(JOBS);
    const rel = rng.pick(releases);
    const meta: Record<string, unknown> = { jobId: 'job_' + rng.alnum(12), attempt: rng.int(1, 3), recordsProcessed: rng.int(0, 5000), durationMs: rng.int(40, 600_000) };
    if (status === 'WARNING') meta.warnings = [`${rng.int(1, 9)} items skipped: ${words(rng, 2, ' ')} not found`];
    if (status === 'FAILED') {
      meta.error = `${rng.pick(['TimeoutError', 'HttpError 502', 'ValidationError'])}: ${words(rng, 3, ' ')}`;
      meta.stack = `Error: ${meta.error}\n    at run (/app/jobs/${name.toLowerCase()}.js:${rng.int(10, 400)}:${rng.int(2, 40)})\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)`;
    }
    return { type: 'BACKGROUND_JOB', actor: 'system', event: name === 'PROCESS_RELEASE_PAYMENTS' ? `${name} · ${rel.name}` : name, entity: `job:${meta.jobId as string}`, before: null, after: null, meta };
  };

  const webhook = (): Row => {
    const [provider, ev, prefix] = rng.pick(WEBHOOKS);
    const id = prefix + rng.alnum(24);
    const c = contacts[contactRank.sample(rng)]!;
    return { type: 'WEBHOOK', actor: provider, event: ev, entity: `${ev.split('.')[0]!}:${id}`, before: null, after: null,
      meta: { direction: 'incoming', eventId: 'evt_' + rng.alnum(24), httpStatus: 200, payload: { id, amount: rng.int(500, 50000), currency: 'usd', customer: c.id, description: words(rng, 3, ' ') } } };
  };

  const systemEvent = (): Row => rng.chance(0.5)
    ? { type: 'SYSTEM_EVENT', actor: 'system', event: `Config changed · feature.${word(rng)}`, entity: 'config:feature-flags', before: { enabled: false }, after: { enabled: true }, meta: {} }
    : { type: 'SYSTEM_EVENT', actor: 'system', event: `Cache cleared · ${words(rng, 2, '-')}`, entity: 'cache:app', before: null, after: null, meta: {} };

  return {
    header: BACKOFFICE_HEADER,
    record(i: number, tick: Tick): string {
      const type = types.sample(rng);
      const status = STATUSES[type]!.sample(rng);
      const row = type === 'USER_ACTION' ? userAction() : type === 'BACKGROUND_JOB' ? job(status) : type === 'WEBHOOK' ? webhook() : systemEvent();
      const meta = { activityId: uniqueUuid(rng, i, 0x3c6ef372), ...row.meta };
      return [
        isoMillis(tick.ms), row.type, row.actor, row.event, row.entity, status,
        row.before === null ? '' : JSON.stringify(row.before),
        row.after === null ? '' : JSON.stringify(row.after),
        JSON.stringify(meta),
      ].map(csvCell).join(',');
    },
  };
}
