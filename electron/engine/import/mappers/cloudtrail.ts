// AWS CloudTrail: single records (S3 `Records[]` elements, bare arrays, one bare record), Insight events
// (no userIdentity) and console/CLI LookupEvents elements whose full record is a JSON *string* in
// `CloudTrailEvent`. CloudTrail has no status word: a call failed iff it carries `errorCode`, and
// console sign-ins say it in `responseElements.ConsoleLogin`. There is no generic before/after either;
// only EC2-style previousState/currentState pairs are real changes (requestParameters are a request).
import type { Actor, ActorKind, Change, MappedEvent, Outcome, Party } from '../../../../shared/model.ts';
import { parseTime } from '../../../../shared/time.ts';
import { decodeJsonString, diffObjects, isPlainObject } from '../changes.ts';
import type { FormatMapper } from '../types.ts';
import { MapError } from '../types.ts';
import { at, firstText, noParty, obj, text, type Rec } from './recordFields.ts';
import { cleanIp, describeEvent } from './eventText.ts';

function detect(r: Rec): number {
  if (text(r['eventSource']) !== null && text(r['eventName']) !== null) {
    if (r['eventVersion'] !== undefined) return 0.95;
    if (r['eventTime'] !== undefined && (r['eventID'] !== undefined || r['awsRegion'] !== undefined)) return 0.9;
    return 0.6;
  }
  if (r['eventType'] === 'AwsCloudTrailInsight' && isPlainObject(r['insightDetails'])) return 0.95;
  if (r['EventId'] !== undefined && r['EventName'] !== undefined) {
    return typeof r['CloudTrailEvent'] === 'string' || isPlainObject(r['CloudTrailEvent']) ? 0.95 : 0.75;
  }
  return 0;
}

/** A LookupEvents element becomes the record it wraps, falling back to its own summary fields. */
function unwrapLookup(r: Rec): Rec {
  if (r['EventId'] === undefined && r['CloudTrailEvent'] === undefined) return r;
  const inner = obj(decodeJsonString(r['CloudTrailEvent']));
  const merged: Rec = inner ? { ...inner } : {};
  merged['eventID'] ??= r['EventId'];
  merged['eventName'] ??= r['EventName'];
  merged['eventTime'] ??= r['EventTime'];
  merged['eventSource'] ??= r['EventSource'];
  merged['errorCode'] ??= r['ErrorCode'];
  if (merged['resources'] === undefined && Array.isArray(r['Resources'])) {
    merged['resources'] = r['Resources'].map((x) => {
      const o = obj(x);
      return o ? { ARN: o['ResourceName'], type: o['ResourceType'] } : x;
    });
  }
  if (merged['userIdentity'] === undefined && text(r['Username']) !== null) merged['userIdentity'] = { userName: r['Username'] };
  if (merged['readOnly'] === undefined && r['ReadOnly'] !== undefined) merged['readOnly'] = r['ReadOnly'];
  return merged;
}

const IDENTITY_KINDS: Readonly<Record<string, ActorKind>> = {
  Root: 'user', IAMUser: 'user', AssumedRole: 'user', FederatedUser: 'user', IdentityCenterUser: 'user',
  SAMLUser: 'user', WebIdentityUser: 'user', Directory: 'user',
  AWSService: 'service', AWSAccount: 'service', Unknown: 'unknown',
};

function actorOf(r: Rec): Actor {
  const ui = obj(r['userIdentity']);
  const sourceType = text(ui?.['type']);
  const arn = text(ui?.['arn']);
  const invokedBy = text(ui?.['invokedBy']);
  // `arn:aws:sts::123:assumed-role/Admin/jane@corp` → `Admin/jane@corp`: the role and who assumed it.
  const roleSession = arn?.match(/:assumed-role\/(.+)$/)?.[1] ?? null;
  const name = firstText(
    ui?.['userName'], roleSession, at(ui, 'sessionContext', 'sessionIssuer', 'userName'),
    sourceType === 'Root' ? 'root' : null, invokedBy, ui?.['principalId'],
  );
  let type: ActorKind | null = sourceType === null ? null : IDENTITY_KINDS[sourceType] ?? 'unknown';
  if (!ui && r['eventType'] === 'AwsCloudTrailInsight') type = 'system';
  else if (type === null && ui) type = 'unknown';
  return {
    id: firstText(arn, ui?.['principalId'], invokedBy, ui?.['accountId']),
    name,
    type,
    sourceType,
    ip: cleanIp(r['sourceIPAddress']),
    userAgent: text(r['userAgent']),
  };
}

function outcomeOf(r: Rec): { status: string | null; outcome: Outcome } {
  const errorCode = text(r['errorCode']);
  if (errorCode !== null) return { status: errorCode, outcome: 'failure' };
  const consoleLogin = text(at(r, 'responseElements', 'ConsoleLogin'));
  if (consoleLogin !== null) {
    const ok = /^success$/i.test(consoleLogin);
    return { status: consoleLogin, outcome: ok ? 'success' : /^fail/i.test(consoleLogin) ? 'failure' : 'unknown' };
  }
  if (r['eventType'] === 'AwsCloudTrailInsight') return { status: null, outcome: 'unknown' };
  // A record without errorCode is a call AWS carried out.
  return { status: null, outcome: 'success' };
}

/** The last meaningful piece of an ARN: `arn:aws:iam::1:user/path/alice` → `alice`. */
function arnName(arn: string): string {
  const tail = arn.slice(arn.lastIndexOf(':') + 1);
  const slash = tail.lastIndexOf('/');
  return slash >= 0 && slash < tail.length - 1 ? tail.slice(slash + 1) : tail;
}

/** requestParameters keys that name the object of the call, most specific first, with its type. */
const PARAM_ENTITIES: ReadonlyArray<readonly [string, string]> = [
  ['userName', 'AWS::IAM::User'], ['roleName', 'AWS::IAM::Role'], ['groupName', 'AWS::IAM::Group'],
  ['policyArn', 'AWS::IAM::Policy'], ['policyName', 'AWS::IAM::Policy'], ['instanceProfileName', 'AWS::IAM::InstanceProfile'],
  ['bucketName', 'AWS::S3::Bucket'], ['functionName', 'AWS::Lambda::Function'], ['tableName', 'AWS::DynamoDB::Table'],
  ['dBInstanceIdentifier', 'AWS::RDS::DBInstance'], ['dBClusterIdentifier', 'AWS::RDS::DBCluster'],
  ['keyId', 'AWS::KMS::Key'], ['secretId', 'AWS::SecretsManager::Secret'], ['trailName', 'AWS::CloudTrail::Trail'],
  ['stackName', 'AWS::CloudFormation::Stack'], ['clusterName', 'AWS::EKS::Cluster'], ['repositoryName', 'AWS::ECR::Repository'],
  ['topicArn', 'AWS::SNS::Topic'], ['queueUrl', 'AWS::SQS::Queue'], ['logGroupName', 'AWS::Logs::LogGroup'],
  ['instanceId', 'AWS::EC2::Instance'], ['groupId', 'AWS::EC2::SecurityGroup'], ['vpcId', 'AWS::EC2::VPC'],
  ['backupVaultName', 'AWS::Backup::BackupVault'], ['detectorId', 'AWS::GuardDuty::Detector'], ['name', ''],
];

function entityOf(r: Rec): Party {
  const resources = r['resources'];
  if (Array.isArray(resources)) {
    for (const x of resources) {
      const o = obj(x);
      const arn = text(o?.['ARN'] ?? o?.['arn']);
      if (arn !== null) return { id: arn, name: arnName(arn), type: text(o?.['type']) };
    }
  }
  const params = obj(r['requestParameters']);
  if (!params) return noParty();
  for (const [key, type] of PARAM_ENTITIES) {
    const v = text(params[key]);
    if (v === null) continue;
    const isArn = v.startsWith('arn:');
    // The created object's ARN, when the response gives one (CreateUser → responseElements.user.arn).
    const createdArn = key === 'userName' ? text(at(r, 'responseElements', 'user', 'arn')) : null;
    return { id: isArn ? v : createdArn, name: isArn ? arnName(v) : v, type: type === '' ? null : type };
  }
  const firstInstance = firstItemId(params);
  if (firstInstance !== null) return { id: firstInstance, name: firstInstance, type: 'AWS::EC2::Instance' };
  return noParty();
}

function firstItemId(params: Rec): string | null {
  const items = at(params, 'instancesSet', 'items');
  if (!Array.isArray(items)) return null;
  return text(obj(items[0])?.['instanceId']);
}

/** IAM user calls name the person acted on: CreateUser, AddUserToGroup, DeleteLoginProfile... */
function targetOf(r: Rec, entity: Party): Party {
  const userName = text(at(r, 'requestParameters', 'userName'));
  if (userName === null) return noParty();
  if (entity.type === 'AWS::IAM::User' && entity.name === userName) return entity;
  return { id: null, name: userName, type: 'AWS::IAM::User' };
}

/** EC2-style `{instanceId, previousState, currentState}` items anywhere shallow in responseElements. */
function stateChanges(r: Rec): Change[] {
  const out: Change[] = [];
  const holders: Rec[] = [];
  const visit = (v: unknown, depth: number) => {
    if (depth > 4 || holders.length >= 100) return;
    if (Array.isArray(v)) { for (const x of v.slice(0, 100)) visit(x, depth + 1); return; }
    const o = obj(v);
    if (!o) return;
    if (o['previousState'] !== undefined && o['currentState'] !== undefined) { holders.push(o); return; }
    for (const x of Object.values(o)) visit(x, depth + 1);
  };
  visit(r['responseElements'], 0);
  for (const h of holders) {
    const id = firstText(h['instanceId'], h['id']);
    const prefix = holders.length > 1 && id !== null ? `${id}.state` : 'state';
    out.push(...diffObjects(h['previousState'], h['currentState'], prefix));
  }
  return out;
}

function describe(r: Rec, action: string | null, actor: Actor, entity: Party): string | null {
  const insight = obj(r['insightDetails']);
  if (insight) {
    const kind = firstText(insight['insightType']);
    const state = firstText(insight['state']);
    return [kind ?? 'Insight', state, action ? `for ${action}` : null].filter(Boolean).join(' ');
  }
  const errorCode = text(r['errorCode']);
  const error = errorCode === null ? null : [errorCode, text(r['errorMessage'])].filter(Boolean).join(': ');
  return describeEvent(action, actor.name, entity.name, error);
}

function map(record: Rec): MappedEvent[] {
  if (!isPlainObject(record)) throw new MapError('a CloudTrail record must be a JSON object');
  const r = unwrapLookup(record);
  const action = text(r['eventName']);
  if (action === null && r['eventTime'] === undefined) {
    throw new MapError('not a CloudTrail record: it has neither eventName nor eventTime');
  }
  const actor = actorOf(r);
  const entity = entityOf(r);
  const { status, outcome } = outcomeOf(r);
  return [{
    time: parseTime(r['eventTime']),
    system: 'aws',
    action,
    // The service (iam.amazonaws.com → iam) groups calls the way an analyst scans them; eventCategory
    // is almost always "Management" and stays reachable in the raw record.
    category: text(r['eventSource'])?.replace(/\.amazonaws\.com$/, '') ?? text(r['eventCategory']),
    status,
    outcome,
    actor,
    target: targetOf(r, entity),
    entity,
    description: describe(r, action, actor, entity),
    changes: stateChanges(r),
    version: text(r['eventVersion']),
    sourceEventId: text(r['eventID']),
  }];
}

export const cloudtrailMapper: FormatMapper = {
  name: 'aws-cloudtrail',
  label: 'AWS CloudTrail',
  detect,
  map,
};
