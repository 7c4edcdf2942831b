// Test helper: reads the shared sample corpora (in place, never copied) and the seed fixtures into
// parsed records, the way the readers would hand them to a mapper (one object per NDJSON line, array
// element or CSV row), so mapper tests can run on real files without the import pipeline.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';

export const corpusDir = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'corpora');
export const seedFixturesDir = join(import.meta.dirname, '..', '..', 'fixtures', 'seeds');

export type Row = Record<string, unknown>;

/** One JSON object per non-blank line. */
export function jsonLines(path: string): Row[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Row);
}

/** A single JSON document: an array of records, a wrapper object (`key`), or one record. */
export function jsonDocument(path: string, key?: string): Row[] {
  const doc = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (Array.isArray(doc)) return doc as Row[];
  const o = doc as Row;
  if (key !== undefined) return o[key] as Row[];
  return [o];
}

export function csvRows(path: string): Row[] {
  const parsed = Papa.parse<Row>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true });
  return parsed.data;
}

export function corpus(relative: string): string {
  return join(corpusDir, relative);
}

export function seedFixture(name: string): string {
  return join(seedFixturesDir, name);
}

/** Every corpus file as records, by the format that should claim them. */
export function allCorpora(): { format: string; file: string; records: Row[] }[] {
  return [
    { format: 'gitlab-audit', file: 'gitlab-audit/test-audit.log', records: jsonLines(corpus('gitlab-audit/test-audit.log')) },
    { format: 'slack-audit', file: 'slack-audit/test-audit.log', records: jsonLines(corpus('slack-audit/test-audit.log')) },
    { format: 'atlassian-audit', file: 'atlassian-jira-audit/test-audit-cloud.log', records: jsonLines(corpus('atlassian-jira-audit/test-audit-cloud.log')) },
    { format: 'ocsf', file: 'ocsf/1_1_0_OCSF_account_change.ocsf', records: jsonDocument(corpus('ocsf/1_1_0_OCSF_account_change.ocsf')) },
    { format: 'ocsf', file: 'ocsf/1_1_0_OCSF_authentication.ocsf', records: jsonDocument(corpus('ocsf/1_1_0_OCSF_authentication.ocsf')) },
    { format: 'cloudevents', file: 'cloudevents/LogEntryData-bigqueryjobcompleted.json', records: jsonDocument(corpus('cloudevents/LogEntryData-bigqueryjobcompleted.json')) },
    { format: 'aws-cloudtrail', file: 'aws-cloudtrail/test.json', records: jsonDocument(corpus('aws-cloudtrail/test.json'), 'Records') },
    { format: 'aws-cloudtrail', file: 'aws-cloudtrail/account_change.raw', records: jsonDocument(corpus('aws-cloudtrail/account_change.raw')) },
    { format: 'okta', file: 'okta/system-log.ndjson', records: jsonLines(corpus('okta/system-log.ndjson')) },
    { format: 'github-audit', file: 'github-audit/test-enterprise-audit-eventhub.log', records: jsonLines(corpus('github-audit/test-enterprise-audit-eventhub.log')) },
    { format: 'google-workspace', file: 'google-workspace/test-admin-updated.log', records: jsonLines(corpus('google-workspace/test-admin-updated.log')) },
    { format: 'azure-activity', file: 'azure-activity/azure_graph_api_format.json', records: jsonDocument(corpus('azure-activity/azure_graph_api_format.json')) },
    { format: 'azure-activity', file: 'azure-activity/test-activitylogs-raw.log', records: jsonLines(corpus('azure-activity/test-activitylogs-raw.log')) },
    { format: 'm365-ual', file: 'm365-ual-csv/purview.csv', records: csvRows(corpus('m365-ual-csv/purview.csv')) },
    { format: 'community-activity', file: 'seeds/community-activity.jsonl', records: jsonLines(seedFixture('community-activity.jsonl')) },
    { format: 'workspace-activity', file: 'seeds/workspace-activity.json', records: jsonDocument(seedFixture('workspace-activity.json')) },
    { format: 'backoffice-activity', file: 'seeds/backoffice-activity.csv', records: csvRows(seedFixture('backoffice-activity.csv')) },
    { format: 'crm-activity', file: 'seeds/crm-activity.csv', records: csvRows(seedFixture('crm-activity.csv')) },
  ];
}
