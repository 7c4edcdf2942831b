// Assembles one CloudTrail record per event: picks the principal (Zipf, or a burst's actor), the call
// from that persona's mix, the identity block for its type, an occasional error, and serializes the
// record with the key order real trails use (~0.9 KB a line).
import type { Rng } from './prng.ts';
import { Weighted, hex32, mix32, uniqueUuid } from './prng.ts';
import { createWorld, pickFrom } from './cloudtrailWorld.ts';
import type { Principal } from './cloudtrailWorld.ts';
import { MIXES } from './cloudtrailEvents.ts';
import type { Ctx, EventDef, Json } from './cloudtrailEvents.ts';
import { isoSeconds } from './timeline.ts';
import type { Tick } from './timeline.ts';
import type { FormatBuilder } from './format.ts';

// tlsDetails arrived with 1.08; older versions still show up for some services.
const VERSIONS = new Weighted([['1.05', 3], ['1.08', 3], ['1.09', 2], ['1.10', 2], ['1.11', 1]] as const);
const TLS = new Weighted([[['TLSv1.3', 'TLS_AES_128_GCM_SHA256'], 6], [['TLSv1.2', 'ECDHE-RSA-AES128-GCM-SHA256'], 4]] as const);
/** Share of calls that fail, by who makes them: people fumble permissions, services rarely do. */
const ERROR_RATE: Record<Principal['persona'] | 'burst', number> = { human: 0.045, automation: 0.02, service: 0.004, root: 0.02, burst: 0.12 };
const EVENT_SALT = 0x2545f491;
const REQUEST_SALT = 0x6a09e667;

/** The error code and message a failing call gets, per service, weighted toward AccessDenied. */
function errorFor(c: Ctx, d: EventDef): [string, string] {
  const svc = d.source.split('.')[0]!;
  const action = `${svc}:${d.name}`;
  const who = c.p.type === 'AWSService' ? c.p.service! : c.p.arn;
  const roll = c.rng.float();
  if (roll < 0.6) {
    if (svc === 's3') return ['AccessDenied', 'Access Denied'];
    if (svc === 'ec2') return ['Client.UnauthorizedOperation', 'You are not authorized to perform this operation. User: ' + who + ' is not authorized to perform: ' + action];
    const code = svc === 'iam' || svc === 'sts' ? 'AccessDenied' : 'AccessDeniedException';
    return [code, `User: ${who} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`];
  }
  if (roll < 0.88) {
    switch (svc) {
      case 's3': return ['NoSuchBucket', 'The specified bucket does not exist'];
      case 'ec2': return ['Client.InvalidInstanceID.NotFound', `The instance ID '${c.instance.id}' does not exist`];
      case 'iam': return ['NoSuchEntityException', `The role with name ${c.role.name} cannot be found.`];
      case 'kms': return ['NotFoundException', `Key 'arn:aws:kms:${c.region}:${c.acct}:key/${c.key.id}' does not exist`];
      case 'cloudtrail': return ['TrailNotFoundException', `Unknown trail: arn:aws:cloudtrail:${c.region}:${c.acct}:trail/${c.world.trails[0]!} for the user: ${c.acct}`];
      default: return ['ResourceNotFoundException', 'The specified log group does not exist.'];
    }
  }
  return svc === 'ec2' ? ['Client.RequestLimitExceeded', 'Request limit exceeded.'] : ['ThrottlingException', 'Rate exceeded'];
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Session keys rotate hourly per principal: derived from (principal, hour), not drawn, so they repeat. */
function sessionKey(p: Principal, ms: number): string {
  let x = mix32(p.index * 7919 + Math.floor(ms / 3_600_000));
  let key = 'ASIA';
  for (let i = 0; i < 16; i++) {
    if (i % 6 === 0) x = mix32(x ^ 0x9e3779b9 ^ i);
    key += KEY_ALPHABET[(x >>> ((i % 6) * 5)) & 31];
  }
  return key;
}

function identity(c: Ctx, console: boolean, signIn: boolean): Json {
  const p = c.p;
  if (p.type === 'AWSService') return { type: 'AWSService', invokedBy: p.service! };
  const base: Record<string, Json> = { type: p.type, principalId: p.principalId, arn: p.arn, accountId: p.accountId };
  if (signIn) {
    if (p.type === 'IAMUser') base.userName = p.userName;
    return base;
  }
  base.accessKeyId = p.longKey && !console ? p.longKey : sessionKey(p, c.ms);
  if (p.type === 'IAMUser') base.userName = p.userName;
  if (p.type === 'IAMUser' && !console) return base;
  const created = isoSeconds(c.ms - (c.ms % 3_600_000) - (p.index % 50) * 60_000);
  base.sessionContext = {
    sessionIssuer: p.role ? { type: 'Role', principalId: p.role.id, arn: p.role.arn, accountId: p.accountId, userName: p.role.name } : {},
    webIdFederationData: {},
    attributes: { creationDate: created, mfaAuthenticated: p.persona === 'human' || p.type === 'Root' ? 'true' : 'false' },
  };
  return base;
}

function hostHeader(c: Ctx, d: EventDef): string {
  const svc = d.source.split('.')[0]!;
  if (svc === 's3') return d.name === 'ListBuckets' ? 's3.amazonaws.com' : `${c.bucket}.s3.${c.region}.amazonaws.com`;
  if (d.global && svc !== 'cloudtrail') return `${svc}.amazonaws.com`;
  return `${svc}.${c.region}.amazonaws.com`;
}

export function cloudTrailBuilder(rng: Rng): FormatBuilder {
  const world = createWorld(rng);
  const burstCandidates = world.principals.filter((p) => p.persona === 'human' || p.persona === 'automation');
  let burstId = 0;
  let burstActor = burstCandidates[0]!;

  return {
    header: null,
    record(i: number, tick: Tick): string {
      let p: Principal;
      let d: EventDef;
      let errRate: number;
      if (tick.burst !== 0 && tick.burst !== burstId) { burstId = tick.burst; burstActor = rng.pick(burstCandidates); }
      if (tick.burst !== 0 && rng.chance(0.85)) {
        // A burst is one actor sweeping through read calls: what enumeration looks like in a trail.
        p = burstActor; d = MIXES.burst.sample(rng); errRate = ERROR_RATE.burst;
      } else {
        p = world.principals[world.principalRank.sample(rng)]!;
        d = MIXES[p.persona].sample(rng); errRate = ERROR_RATE[p.persona];
      }
      const region = d.global ? 'us-east-1' : rng.chance(0.8) ? p.region : world.regions.sample(rng);
      const c: Ctx = {
        rng, world, p, region, ms: tick.ms, acct: p.accountId,
        bucket: pickFrom(rng, world.buckets), role: pickFrom(rng, world.roles), instance: pickFrom(rng, world.instances), key: pickFrom(rng, world.keys),
      };
      const signIn = d.name === 'ConsoleLogin';
      const ua = p.type === 'AWSService' ? p.service! : rng.pick(p.agents);
      const console = p.type === 'Root' || ua === 'AWS Internal' || ua.startsWith('Mozilla/');
      const version = VERSIONS.sample(rng);
      const rec: Record<string, Json> = {
        eventVersion: version,
        userIdentity: identity(c, console, signIn),
        eventTime: isoSeconds(tick.ms),
        eventSource: d.source,
        eventName: d.name,
        awsRegion: region,
        sourceIPAddress: rng.pick(p.ips),
        userAgent: ua,
      };
      const failed = rng.chance(signIn ? 0.04 : errRate);
      if (failed && !signIn) [rec.errorCode, rec.errorMessage] = errorFor(c, d);
      if (failed && signIn) rec.errorMessage = 'Failed authentication';
      rec.requestParameters = d.req(c);
      rec.responseElements = failed ? (signIn ? { ConsoleLogin: 'Failure' } : null) : d.res ? d.res(c) : null;
      if (d.extra) rec.additionalEventData = d.extra(c);
      rec.requestID = d.source === 's3.amazonaws.com'
        ? (hex32(mix32((i ^ REQUEST_SALT) >>> 0)) + hex32(rng.u32())).toUpperCase()
        : uniqueUuid(rng, i, REQUEST_SALT);
      rec.eventID = uniqueUuid(rng, i, EVENT_SALT);
      rec.readOnly = d.readOnly;
      if (d.resources) rec.resources = d.resources(c) as unknown as Json;
      rec.eventType = signIn ? 'AwsConsoleSignIn' : 'AwsApiCall';
      rec.managementEvent = !d.data;
      rec.recipientAccountId = c.acct;
      if (p.type === 'AWSService' && d.name === 'AssumeRole') rec.sharedEventID = rng.uuid();
      if (p.persona === 'automation' && d.source === 's3.amazonaws.com' && rng.chance(0.3)) rec.vpcEndpointId = `vpce-0${rng.hex(8)}`;
      rec.eventCategory = d.data ? 'Data' : 'Management';
      if (p.type !== 'AWSService' && !signIn && version !== '1.05') {
        const [tlsVersion, cipherSuite] = TLS.sample(rng);
        rec.tlsDetails = { tlsVersion, cipherSuite, clientProvidedHostHeader: hostHeader(c, d) };
      }
      if (console && !signIn) rec.sessionCredentialFromConsole = 'true';
      return JSON.stringify(rec);
    },
  };
}
