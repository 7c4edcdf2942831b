// The word vocabulary that generated names and descriptive fields draw from, Zipf-ranked so that a
// full-text query for a top word hits a large share of events and a tail word hits a handful.
// The list is fixed (it does not depend on --seed) so bench/README.md can name query words.
import { Rng, Zipf } from './prng.ts';

/** Real words first, most frequent first. None of them is an AWS service name or a fixed JSON key. */
const REAL_WORDS = `
prod data backup analytics staging logs billing customer payments reports export pipeline archive
marketing finance internal platform security shared metrics orders inventory legacy audit deploy
web mobile partner media warehouse events sandbox monitoring users images assets temp config
secrets sync invoices ledger support sales payroll compliance research training model stream cache
queue batch nightly weekly quarterly reconcile ingest transform raw curated public private vendor
uploads downloads static cdn edge gateway identity directory tenant emea apac blue green canary
primary replica failover snapshot terraform jenkins artifacts release docs wiki crm erp salesforce
zendesk jira confluence workday netsuite stripe shopify tableau looker snowflake kafka spark
airflow dbt notebook container cluster worker scheduler cron retention lifecycle encryption rotation
certificates vpn bastion jumpbox ops sre oncall incident portal checkout catalog search recommend
pricing fraud risk ledgerbook treasury tax procurement contracts legal onboarding offboarding
recruiting benefits expenses travel facilities helpdesk tickets chat email newsletter campaign
leads accounts subscriptions renewals forecast budget dashboard kpi cohort funnel attribution
experiment feature flags rollout migration schema backfill dedupe cleanup purge vacuum reindex
telemetry tracing alerts pager escalation postmortem runbook playbook hardening patching
vulnerability scanner pentest firewall allowlist denylist geo latency throughput capacity quota
forensics quarantine honeypot exfiltration
`.trim().split(/\s+/);

const SYLLABLES = [
  'ka', 'lo', 'mir', 'ven', 'dra', 'sol', 'tek', 'vai', 'zor', 'qui', 'bel', 'nyx', 'oru', 'pel',
  'ras', 'tov', 'ul', 'wen', 'xa', 'yor', 'zan', 'gri', 'fen', 'hal', 'jix', 'kor', 'lum', 'mav',
];

/** Invented words for the long tail: rare, unmistakable in a query, and never real English. */
function inventedWords(count: number): string[] {
  const rng = new Rng(0x5eed_0bad);
  const seen = new Set<string>(REAL_WORDS);
  const out: string[] = [];
  while (out.length < count) {
    const n = rng.int(2, 3);
    let w = '';
    for (let i = 0; i < n; i++) w += rng.pick(SYLLABLES);
    if (!seen.has(w)) { seen.add(w); out.push(w); }
  }
  return out;
}

export const VOCABULARY: readonly string[] = [...REAL_WORDS, ...inventedWords(1500 - REAL_WORDS.length)];

const zipf = new Zipf(VOCABULARY.length, 1.0);

/** One vocabulary word, Zipf-distributed over the whole list. */
export function word(rng: Rng): string {
  return VOCABULARY[zipf.sample(rng)]!;
}

/** Several words joined (a name or a short phrase). */
export function words(rng: Rng, n: number, sep: string): string {
  let s = word(rng);
  for (let i = 1; i < n; i++) s += sep + word(rng);
  return s;
}
