// The CloudTrail event catalogue: which eventNames exist per service, how often each persona calls
// them, and the requestParameters / responseElements / resources each one carries, shaped after the
// AWS record-contents docs and the real sample in shared/corpora/aws-cloudtrail.
import { Weighted } from './prng.ts';
import type { Rng } from './prng.ts';
import type { Instance, Key, Principal, World } from './cloudtrailWorld.ts';
import { pickFrom } from './cloudtrailWorld.ts';
import { word, words } from './vocab.ts';
import { isoSeconds } from './timeline.ts';

export type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

export interface Ctx {
  rng: Rng;
  world: World;
  p: Principal;
  region: string;
  ms: number;
  /** The account the call lands in (recipientAccountId). */
  acct: string;
  /** Resources picked once per event so requestParameters, responseElements and resources[] agree. */
  bucket: string;
  role: { name: string; id: string };
  instance: Instance;
  key: Key;
  objectKey?: string;
  /** A name chosen by requestParameters that responseElements echoes (new user, session name). */
  name?: string;
}

export interface Resource { accountId?: string; type: string; ARN: string; }

export interface EventDef {
  source: string;
  name: string;
  readOnly: boolean;
  /** S3 object-level (data) event rather than a management event. */
  data?: boolean;
  /** IAM, STS-global and sign-in calls are recorded in us-east-1 whatever the caller's region. */
  global?: boolean;
  req(c: Ctx): Json;
  res?(c: Ctx): Json;
  resources?(c: Ctx): Resource[];
  extra?(c: Ctx): Json;
}

const S3_EXTRA = (c: Ctx): Json => ({
  SignatureVersion: 'SigV4', CipherSuite: 'TLS_AES_128_GCM_SHA256', bytesTransferredIn: 0,
  AuthenticationMethod: 'AuthHeader', 'x-amz-id-2': c.rng.alnum(56) + '=', bytesTransferredOut: c.rng.int(0, 4096),
});

/** `Jan 5, 2025 1:03:43 PM`: the legacy Java date format IAM still writes inside responseElements. */
function javaDate(ms: number): string {
  const d = new Date(ms);
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]!;
  const h = d.getUTCHours();
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  const ss = String(d.getUTCSeconds()).padStart(2, '0');
  return `${mon} ${d.getUTCDate()}, ${d.getUTCFullYear()} ${h % 12 === 0 ? 12 : h % 12}:${mm}:${ss} ${h < 12 ? 'AM' : 'PM'}`;
}

const host = (c: Ctx, bucket: string) => `${bucket}.s3.${c.region}.amazonaws.com`;
const bucketRes = (c: Ctx, bucket: string): Resource => ({ accountId: c.acct, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` });
const objectKey = (c: Ctx) => {
  const d = new Date(c.ms);
  return c.objectKey ??= `${word(c.rng)}/${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${words(c.rng, 2, '-')}-${c.rng.int(0, 99999)}.${c.rng.pick(['parquet', 'json.gz', 'csv', 'pdf', 'png'])}`;
};
const instanceItems = (c: Ctx) => ({ items: [{ instanceId: c.instance.id }] });
const roleArn = (c: Ctx, name: string) => `arn:aws:iam::${c.acct}:role/${name}`;
const keyArn = (c: Ctx) => `arn:aws:kms:${c.region}:${c.acct}:key/${c.key.id}`;
const trailArn = (c: Ctx) => `arn:aws:cloudtrail:us-east-1:${c.acct}:trail/${c.rng.pick(c.world.trails)}`;
const creds = (c: Ctx): Json => ({
  accessKeyId: 'ASIA' + c.rng.awsKeyChars(16),
  sessionToken: c.rng.alnum(64) + '=',
  expiration: javaDate(c.ms + 3_600_000),
});
const policy = (c: Ctx, action: string): Json => ({
  Version: '2012-10-17',
  Statement: [{ Sid: `${word(c.rng)}${c.rng.int(1, 9)}`, Effect: 'Allow', Action: action, Resource: `arn:aws:s3:::${c.bucket}/*` }],
});
// IAM logs policy documents as JSON text inside the JSON record (JSON-in-a-string, as in real trails).
const policyDoc = (c: Ctx, action: string) => JSON.stringify(policy(c, action));
const stateChange = (c: Ctx, from: [number, string], to: [number, string]): Json => ({
  requestId: c.rng.uuid(),
  instancesSet: { items: [{ instanceId: c.instance.id, currentState: { code: to[0], name: to[1] }, previousState: { code: from[0], name: from[1] } }] },
});

// [definition, weight for human, automation, service, root, burst]
type Row = [EventDef, number, number, number, number, number];

const S3 = 's3.amazonaws.com', EC2 = 'ec2.amazonaws.com', IAM = 'iam.amazonaws.com', STS = 'sts.amazonaws.com';
const KMS = 'kms.amazonaws.com', CT = 'cloudtrail.amazonaws.com', LOGS = 'logs.amazonaws.com';

const def = (source: string, name: string, readOnly: boolean, rest: Omit<EventDef, 'source' | 'name' | 'readOnly'>): EventDef =>
  ({ source, name, readOnly, ...rest });

const bucketCall = (name: string, readOnly: boolean, extraKey: string | null, more?: (c: Ctx) => Record<string, Json>): EventDef =>
  def(S3, name, readOnly, {
    req: (c) => {
      const r: Record<string, Json> = { bucketName: c.bucket, Host: host(c, c.bucket) };
      if (extraKey) r[extraKey] = '';
      return more ? { ...r, ...more(c) } : r;
    },
    resources: (c) => [bucketRes(c, c.bucket)],
    extra: S3_EXTRA,
  });

const ROWS: Row[] = [
  [def('signin.amazonaws.com', 'ConsoleLogin', false, {
    global: true, req: () => null, res: () => ({ ConsoleLogin: 'Success' }),
    extra: (c) => ({ LoginTo: `https://console.aws.amazon.com/console/home?region=${c.region}&state=hashArgs%23&isauthcode=true`, MobileVersion: 'No', MFAUsed: c.rng.chance(0.8) ? 'Yes' : 'No' }),
  }), 1.5, 0, 0, 1, 0],
  [def(STS, 'AssumeRole', false, {
    req: (c) => ({ roleArn: roleArn(c, c.role.name), roleSessionName: (c.name = `${word(c.rng)}-${c.rng.int(1000000000, 1999999999)}`), durationSeconds: 3600 }),
    res: (c) => ({ credentials: creds(c), assumedRoleUser: { assumedRoleId: `${c.role.id}:${c.name}`, arn: `arn:aws:sts::${c.acct}:assumed-role/${c.role.name}/${c.name}` } }),
    resources: (c) => [{ accountId: c.acct, type: 'AWS::IAM::Role', ARN: roleArn(c, c.role.name) }],
  }), 0.5, 4, 6, 0, 0],
  [def(STS, 'GetCallerIdentity', true, { req: () => null }), 1, 5, 0, 0, 1],
  [def(STS, 'GetSessionToken', false, { req: () => ({ durationSeconds: 43200 }), res: (c) => ({ credentials: creds(c) }) }), 0.2, 0.3, 0, 0, 0],
  [def(S3, 'GetObject', true, {
    data: true,
    req: (c) => ({ bucketName: c.bucket, Host: host(c, c.bucket), key: objectKey(c) }),
    resources: (c) => [{ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${c.bucket}/${objectKey(c)}` }, bucketRes(c, c.bucket)],
    extra: S3_EXTRA,
  }), 1, 3, 0, 0, 6],
  [def(S3, 'PutObject', false, {
    data: true,
    req: (c) => ({ bucketName: c.bucket, Host: host(c, c.bucket), key: objectKey(c) }),
    res: () => ({ 'x-amz-server-side-encryption': 'AES256' }),
    resources: (c) => [{ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${c.bucket}/${objectKey(c)}` }, bucketRes(c, c.bucket)],
    extra: S3_EXTRA,
  }), 0.3, 2, 0, 0, 0],
  [def(S3, 'ListBuckets', true, { req: () => ({ Host: 's3.amazonaws.com' }), extra: S3_EXTRA }), 3, 2, 0, 0.5, 3],
  [bucketCall('GetBucketLocation', true, 'location'), 2, 4, 0, 0, 1],
  [bucketCall('GetBucketAcl', true, 'acl'), 1.5, 2, 0, 0, 4],
  [bucketCall('GetBucketPolicy', true, 'policy'), 1.5, 1, 0, 0, 4],
  [bucketCall('GetBucketVersioning', true, 'versioning'), 1, 1, 0, 0, 0],
  [bucketCall('GetBucketPublicAccessBlock', true, 'publicAccessBlock'), 1, 0.5, 0, 0, 2],
  [bucketCall('PutBucketPolicy', false, 'policy', (c) => ({ bucketPolicy: policy(c, 's3:GetObject') })), 0.2, 0.2, 0, 0, 0],
  [bucketCall('CreateBucket', false, null, (c) => ({ CreateBucketConfiguration: { LocationConstraint: c.region, xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/' } })), 0.2, 0.1, 0, 0, 0],
  [bucketCall('DeleteBucket', false, null), 0.05, 0.03, 0, 0, 0],
  [bucketCall('PutBucketPublicAccessBlock', false, 'publicAccessBlock', (c) => ({ PublicAccessBlockConfiguration: { xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/', RestrictPublicBuckets: c.rng.chance(0.9), BlockPublicPolicy: true, BlockPublicAcls: true, IgnorePublicAcls: true } })), 0.1, 0.05, 0, 0, 0],
  [def(EC2, 'DescribeInstances', true, {
    req: (c): Json => c.rng.chance(0.5)
      ? { instancesSet: {}, filterSet: { items: [{ name: `tag:${c.rng.pick(['team', 'env', 'Name', 'service'])}`, valueSet: { items: [{ value: word(c.rng) }] } }] } }
      : { instancesSet: instanceItems(c), filterSet: {} },
  }), 5, 6, 0, 0.5, 5],
  [def(EC2, 'DescribeSecurityGroups', true, { req: (c) => ({ securityGroupSet: {}, securityGroupIdSet: { items: [{ groupId: pickFrom(c.rng, c.world.groups).id }] }, filterSet: {} }) }), 2, 3, 0, 0, 2],
  [def(EC2, 'DescribeVolumes', true, { req: () => ({ volumeSet: {}, filterSet: {} }) }), 0.5, 2, 0, 0, 0],
  [def(EC2, 'DescribeSubnets', true, { req: (c) => ({ subnetSet: { items: [{ subnetId: pickFrom(c.rng, c.world.subnets) }] }, filterSet: {} }) }), 0.5, 2, 0, 0, 0],
  [def(EC2, 'DescribeRegions', true, { req: () => ({ regionSet: {}, allRegions: false }) }), 1, 0.5, 0, 0.3, 2],
  [def(EC2, 'RunInstances', false, {
    req: (c) => {
      return { instancesSet: { items: [{ imageId: `ami-0${c.rng.hex(8)}`, minCount: 1, maxCount: 1 }] }, instanceType: c.instance.type, subnetId: pickFrom(c.rng, c.world.subnets), disableApiTermination: false, monitoring: { enabled: false },
        tagSpecificationSet: { items: [{ resourceType: 'instance', tags: [{ key: 'Name', value: words(c.rng, 2, '-') }, { key: 'team', value: word(c.rng) }] }] } };
    },
    res: (c) => ({ requestId: c.rng.uuid(), reservationId: `r-0${c.rng.hex(8)}`, ownerId: c.acct, groupSet: {}, instancesSet: { items: [{ instanceId: `i-0${c.rng.hex(8)}`, currentState: { code: 0, name: 'pending' } }] } }),
  }), 0.3, 0.6, 0, 0, 0],
  [def(EC2, 'StartInstances', false, { req: (c) => ({ instancesSet: instanceItems(c) }), res: (c) => stateChange(c, [80, 'stopped'], [0, 'pending']) }), 0.3, 0.3, 0, 0, 0],
  [def(EC2, 'StopInstances', false, { req: (c) => ({ instancesSet: instanceItems(c), force: false }), res: (c) => stateChange(c, [16, 'running'], [64, 'stopping']) }), 0.3, 0.3, 0, 0, 0],
  [def(EC2, 'TerminateInstances', false, { req: (c) => ({ instancesSet: instanceItems(c) }), res: (c) => stateChange(c, [16, 'running'], [32, 'shutting-down']) }), 0.05, 0.4, 0, 0, 0],
  [def(EC2, 'CreateTags', false, {
    req: (c) => ({ resourcesSet: { items: [{ resourceId: c.instance.id }] }, tagSet: { items: [{ key: c.rng.pick(['team', 'env', 'owner', 'cost-center']), value: word(c.rng) }] } }),
    res: (c) => ({ requestId: c.rng.uuid(), _return: true }),
  }), 0.5, 1, 0, 0, 0],
  [def(EC2, 'AuthorizeSecurityGroupIngress', false, {
    req: (c) => { const port = c.rng.pick([22, 443, 3389, 5432]); return { groupId: pickFrom(c.rng, c.world.groups).id, ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: port, toPort: port, groups: {}, ipRanges: { items: [{ cidrIp: c.rng.chance(0.2) ? '0.0.0.0/0' : `10.${c.rng.int(0, 255)}.0.0/16`, description: words(c.rng, 3, ' ') }] } }] } }; },
    res: (c) => ({ requestId: c.rng.uuid(), _return: true, securityGroupRuleSet: { items: [{ groupOwnerId: c.acct, groupId: pickFrom(c.rng, c.world.groups).id, securityGroupRuleId: `sgr-0${c.rng.hex(8)}`, isEgress: false, ipProtocol: 'tcp' }] } }),
  }), 0.2, 0.2, 0, 0, 0],
  [def(EC2, 'CreateSecurityGroup', false, {
    req: (c) => ({ groupName: `${words(c.rng, 2, '-')}-sg`, groupDescription: `${words(c.rng, 3, ' ')} access`, vpcId: `vpc-0${c.rng.hex(8)}` }),
    res: (c) => ({ requestId: c.rng.uuid(), _return: true, groupId: `sg-0${c.rng.hex(8)}` }),
  }), 0.1, 0.1, 0, 0, 0],
  [def(IAM, 'ListUsers', true, { global: true, req: () => null }), 2, 0.5, 0, 0.3, 5],
  [def(IAM, 'GetUser', true, { global: true, req: (c) => ({ userName: pickFrom(c.rng, c.world.users) }) }), 1, 0.5, 0, 0, 2],
  [def(IAM, 'ListRoles', true, { global: true, req: () => null }), 1.5, 1, 0, 0, 4],
  [def(IAM, 'GetRole', true, { global: true, req: (c) => ({ roleName: c.role.name }) }), 1, 2, 0, 0, 2],
  [def(IAM, 'ListAttachedRolePolicies', true, { global: true, req: (c) => ({ roleName: c.role.name }) }), 1, 1, 0, 0, 3],
  [def(IAM, 'CreateUser', false, {
    global: true,
    req: (c) => ({ userName: (c.name = `${word(c.rng)}.${word(c.rng)}`), tags: [{ key: 'team', value: word(c.rng) }] }),
    res: (c) => ({ user: { path: '/', userName: c.name!, userId: 'AIDA' + c.rng.awsKeyChars(17), arn: `arn:aws:iam::${c.acct}:user/${c.name!}`, createDate: javaDate(c.ms) } }),
  }), 0.15, 0.05, 0, 0.2, 0],
  [def(IAM, 'DeleteUser', false, { global: true, req: (c) => ({ userName: pickFrom(c.rng, c.world.users) }) }), 0.05, 0.02, 0, 0, 0],
  [def(IAM, 'CreateAccessKey', false, {
    global: true,
    req: (c) => ({ userName: (c.name = pickFrom(c.rng, c.world.users)) }),
    res: (c) => ({ accessKey: { userName: c.name!, accessKeyId: 'AKIA' + c.rng.awsKeyChars(16), status: 'Active', createDate: javaDate(c.ms) } }),
  }), 0.15, 0.05, 0, 0.3, 0],
  [def(IAM, 'AttachUserPolicy', false, {
    global: true,
    req: (c) => ({ userName: pickFrom(c.rng, c.world.users), policyArn: `arn:aws:iam::aws:policy/${c.rng.pick(['ReadOnlyAccess', 'AdministratorAccess', 'AmazonS3FullAccess', 'SecurityAudit'])}` }),
  }), 0.15, 0.05, 0, 0, 0],
  [def(IAM, 'PutRolePolicy', false, {
    global: true,
    req: (c) => ({ roleName: c.role.name, policyName: `${words(c.rng, 2, '-')}-policy`, policyDocument: policyDoc(c, 's3:*') }),
  }), 0.1, 0.1, 0, 0, 0],
  [def(IAM, 'CreateRole', false, {
    global: true,
    req: (c) => ({ roleName: `${words(c.rng, 2, '-')}-role`, description: `${words(c.rng, 3, ' ')} access`, assumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) }),
    res: (c) => ({ role: { path: '/', roleName: c.role.name, roleId: c.role.id, arn: roleArn(c, c.role.name), createDate: javaDate(c.ms) } }),
  }), 0.1, 0.1, 0, 0, 0],
  [def(IAM, 'UpdateAssumeRolePolicy', false, { global: true, req: (c) => ({ roleName: c.role.name, policyDocument: policyDoc(c, 'sts:AssumeRole') }) }), 0.05, 0.02, 0, 0, 0],
  [def(KMS, 'Decrypt', true, {
    req: (c) => ({ encryptionContext: { 'aws:s3:arn': `arn:aws:s3:::${c.bucket}` }, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' }),
    resources: (c) => [{ accountId: c.acct, type: 'AWS::KMS::Key', ARN: keyArn(c) }],
  }), 0.2, 6, 8, 0, 0],
  [def(KMS, 'GenerateDataKey', true, {
    req: (c) => ({ keyId: c.key.alias, keySpec: 'AES_256', encryptionContext: { 'aws:lambda:FunctionArn': `arn:aws:lambda:${c.region}:${c.acct}:function:${words(c.rng, 2, '-')}` } }),
    resources: (c) => [{ accountId: c.acct, type: 'AWS::KMS::Key', ARN: keyArn(c) }],
  }), 0.1, 4, 3, 0, 0],
  [def(KMS, 'DescribeKey', true, { req: (c) => ({ keyId: c.key.alias }), resources: (c) => [{ accountId: c.acct, type: 'AWS::KMS::Key', ARN: keyArn(c) }] }), 0.5, 1, 0, 0, 1],
  [def(KMS, 'ListAliases', true, { req: () => null }), 0.5, 0.2, 0, 0, 1],
  [def(KMS, 'CreateKey', false, {
    req: (c) => ({ description: `${words(c.rng, 3, ' ')} key`, keyUsage: 'ENCRYPT_DECRYPT', keySpec: 'SYMMETRIC_DEFAULT', origin: 'AWS_KMS', multiRegion: false }),
    res: (c) => ({ keyMetadata: { AWSAccountId: c.acct, keyId: c.rng.uuid(), creationDate: javaDate(c.ms), enabled: true, description: words(c.rng, 3, ' '), keyState: 'Enabled', origin: 'AWS_KMS', keyManager: 'CUSTOMER' } }),
  }), 0.03, 0.02, 0, 0, 0],
  [def(KMS, 'ScheduleKeyDeletion', false, { req: (c) => ({ keyId: keyArn(c), pendingWindowInDays: 7 }), res: (c) => ({ keyId: keyArn(c), deletionDate: javaDate(c.ms + 7 * 86_400_000), keyState: 'PendingDeletion' }) }), 0.01, 0, 0, 0, 0],
  [def(CT, 'LookupEvents', true, {
    req: (c) => ({ lookupAttributes: [{ attributeKey: 'EventName', attributeValue: c.rng.pick(['ConsoleLogin', 'CreateUser', 'StopLogging', 'AssumeRole']) }], maxResults: 50, startTime: javaDate(c.ms - 86_400_000) }),
  }), 1, 0.5, 0, 0.5, 0],
  [def(CT, 'DescribeTrails', true, { req: () => ({ trailNameList: [], includeShadowTrails: true }) }), 0.5, 0.5, 0, 0.3, 2],
  [def(CT, 'GetTrailStatus', true, { req: (c) => ({ name: trailArn(c) }) }), 0.5, 0.5, 0, 0.3, 1],
  [def(CT, 'StopLogging', false, { global: true, req: (c) => ({ name: trailArn(c) }) }), 0.01, 0, 0, 0, 0],
  [def(CT, 'UpdateTrail', false, { req: (c) => ({ name: trailArn(c), isMultiRegionTrail: true, includeGlobalServiceEvents: true }) }), 0.02, 0.01, 0, 0, 0],
  [def(LOGS, 'CreateLogStream', false, {
    req: (c) => ({ logGroupName: `/aws/lambda/${words(c.rng, 2, '-')}`, logStreamName: `${isoSeconds(c.ms).slice(0, 10).replaceAll('-', '/')}/[$LATEST]${c.rng.hex(16)}` }),
  }), 0, 2, 2, 0, 0],
  [def(LOGS, 'DescribeLogGroups', true, { req: (c) => ({ logGroupNamePrefix: `/aws/lambda/${word(c.rng)}` }) }), 0.5, 1, 0, 0, 0],
];

export type MixName = 'human' | 'automation' | 'service' | 'root' | 'burst';
const COLUMN: Record<MixName, number> = { human: 1, automation: 2, service: 3, root: 4, burst: 5 };

function mix(name: MixName): Weighted<EventDef> {
  const col = COLUMN[name];
  return new Weighted(ROWS.filter((r) => (r[col] as number) > 0).map((r) => [r[0], r[col] as number] as const));
}

/** One weighted event list per persona (plus a reconnaissance-looking mix used during bursts). */
export const MIXES: Record<MixName, Weighted<EventDef>> = {
  human: mix('human'), automation: mix('automation'), service: mix('service'), root: mix('root'), burst: mix('burst'),
};
