// Okta System Log LogEvents, one per line, shaped like shared/corpora/okta/system-log.ndjson: a few
// hundred users ranked Zipf-style, sign-on heavy event mix, ALLOW/DENY/CHALLENGE/FAILURE outcomes,
// targets drawn from finite app/group/rule pools whose names carry the vocabulary words.
import { Rng, Weighted, Zipf, uniqueUuid } from './prng.ts';
import { word, words } from './vocab.ts';
import { isoMillis } from './timeline.ts';
import type { Tick } from './timeline.ts';
import type { FormatBuilder } from './format.ts';

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
interface Party { id: string; type: string; alternateId: string; displayName: string; }
interface Place { city: string; state: string; country: string; postalCode: string; lat: number; lon: number; }
interface User extends Party { place: Place; ip: string; agent: [string, string, string]; device: string; }

const PLACES: Place[] = [
  { city: 'Seattle', state: 'Washington', country: 'United States', postalCode: '98101', lat: 47.6062, lon: -122.3321 },
  { city: 'Austin', state: 'Texas', country: 'United States', postalCode: '78701', lat: 30.2672, lon: -97.7431 },
  { city: 'New York', state: 'New York', country: 'United States', postalCode: '10001', lat: 40.7128, lon: -74.006 },
  { city: 'Dublin', state: 'Leinster', country: 'Ireland', postalCode: 'D02', lat: 53.3498, lon: -6.2603 },
  { city: 'Berlin', state: 'Land Berlin', country: 'Germany', postalCode: '10115', lat: 52.52, lon: 13.405 },
  { city: 'Bengaluru', state: 'Karnataka', country: 'India', postalCode: '560001', lat: 12.9716, lon: 77.5946 },
  { city: 'Sao Paulo', state: 'Sao Paulo', country: 'Brazil', postalCode: '01000', lat: -23.5505, lon: -46.6333 },
  { city: 'Tokyo', state: 'Tokyo', country: 'Japan', postalCode: '100-0001', lat: 35.6762, lon: 139.6503 },
];
const AGENTS: Array<[string, string, string]> = [
  ['CHROME', 'Mac OS X', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'],
  ['EDGE', 'Windows 10', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0'],
  ['SAFARI', 'Mac OS X (iPhone)', 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1'],
  ['FIREFOX', 'Linux', 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0'],
];
const APPS = ['Slack', 'Salesforce', 'GitHub Enterprise', 'Zoom', 'Workday', 'AWS IAM Identity Center', 'Google Workspace', 'Atlassian Cloud', 'Box', 'Zendesk', 'Tableau', 'Snowflake'];
const FIRST = ['Jane', 'John', 'Amara', 'Bo', 'Chen', 'Diego', 'Esther', 'Femi', 'Greta', 'Hiro', 'Ines', 'Jonas', 'Kaia', 'Luca', 'Mei', 'Nikos', 'Olga', 'Pedro', 'Rania', 'Sami'];
const LAST = ['Doe', 'Smith', 'Okafor', 'Lindqvist', 'Watanabe', 'Moreau', 'Kaplan', 'Reyes', 'Osei', 'Brandt', 'Ivanova', 'Costa', 'Haddad', 'Novak'];

interface Kind { type: string; legacy: string | null; message: string; actor: 'user' | 'system' | 'app' | 'ip'; targets(u: User): Party[]; outcome(): [string, string | null]; }

export function oktaBuilder(rng: Rng): FormatBuilder {
  const org = rng.pick(['example', 'acme', 'globex', 'initech']);
  const oid = (prefix: string) => prefix + rng.alnum(17);
  const users: User[] = [];
  const names = new Set<string>();
  while (users.length < 300) {
    const f = rng.pick(FIRST), l = rng.pick(LAST);
    const login = `${f}.${l}${names.has(`${f}.${l}`) ? rng.int(2, 99) : ''}`.toLowerCase() + `@${org}.com`;
    if (names.has(login)) continue;
    names.add(login); names.add(`${f}.${l}`);
    users.push({ id: oid('00u'), type: 'User', alternateId: login, displayName: `${f} ${l}`, place: rng.pick(PLACES), ip: `${rng.int(24, 217)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`, agent: rng.pick(AGENTS), device: rng.pick(['Computer', 'Computer', 'Mobile']) });
  }
  const userRank = new Zipf(users.length, 1.05);
  const apps: Party[] = [...APPS, ...Array.from({ length: 18 }, () => `${org[0]!.toUpperCase()}${org.slice(1)} ${words(rng, 2, ' ')} portal`)]
    .map((n) => ({ id: oid('0oa'), type: 'AppInstance', alternateId: n, displayName: n }));
  const appRank = new Zipf(apps.length, 1.1);
  const groups: Party[] = ['Everyone', ...Array.from({ length: 39 }, () => `${words(rng, 2, '-')}-${rng.pick(['admins', 'users', 'team', 'contractors'])}`)]
    .map((n) => ({ id: oid('00g'), type: 'UserGroup', alternateId: 'unknown', displayName: n }));
  const rules: Party[] = Array.from({ length: 25 }, () => `${words(rng, 2, ' ')} sign-on rule`).map((n) => ({ id: oid('0pr'), type: 'Rule', alternateId: 'unknown', displayName: n }));
  const system: Party = { id: oid('0oa'), type: 'SystemPrincipal', alternateId: 'system@okta.com', displayName: 'Okta System' };
  const client: Party = { id: oid('0oa'), type: 'PublicClientApp', alternateId: 'unknown', displayName: `${words(rng, 2, ' ')} integration` };
  const app = () => apps[appRank.sample(rng)]!;
  const group = () => rng.pick(groups);
  const asUser = (u: User): Party => ({ id: u.id, type: 'User', alternateId: u.alternateId, displayName: u.displayName });
  const ok = (): [string, string | null] => ['SUCCESS', null];
  const maybeFail = (p: number, reason: string) => (): [string, string | null] => rng.chance(p) ? ['FAILURE', reason] : ['SUCCESS', null];

  const kinds = new Weighted<Kind>([
    [{ type: 'user.authentication.sso', legacy: 'app.auth.sso', message: 'User single sign on to app', actor: 'user', targets: (u) => [app(), { ...asUser(u), type: 'AppUser' }], outcome: maybeFail(0.01, 'INVALID_SESSION') }, 30],
    [{ type: 'user.session.start', legacy: 'core.user_auth.login_success', message: 'User login to Okta', actor: 'user', targets: (u) => [asUser(u)], outcome: maybeFail(0.06, 'INVALID_CREDENTIALS') }, 18],
    [{ type: 'policy.evaluate_sign_on', legacy: null, message: 'Evaluation of sign-on policy', actor: 'user', targets: () => [app(), rng.pick(rules)],
      outcome: () => { const r = rng.float(); return r < 0.9 ? ['ALLOW', 'Sign-on policy evaluation resulted in AUTHENTICATED'] : r < 0.97 ? ['CHALLENGE', 'Sign-on policy evaluation resulted in CHALLENGE'] : ['DENY', 'Sign-on policy evaluation resulted in DENY']; } }, 15],
    [{ type: 'user.authentication.auth_via_mfa', legacy: 'core.user.factor.attempt_success', message: 'Authentication of user via MFA', actor: 'user', targets: (u) => [asUser(u)], outcome: maybeFail(0.03, 'VERIFICATION_ERROR') }, 8],
    [{ type: 'app.oauth2.token.grant.access_token', legacy: null, message: 'OAuth2 access token is granted', actor: 'app', targets: () => [{ id: oid('AT.'), type: 'access_token', alternateId: 'unknown', displayName: 'Access Token' }], outcome: ok }, 8],
    [{ type: 'user.session.end', legacy: 'core.user_auth.logout_success', message: 'User logout from Okta', actor: 'user', targets: () => [], outcome: ok }, 5],
    [{ type: 'system.email.delivery', legacy: null, message: 'Email delivery', actor: 'system', targets: (u) => [{ id: oid('em'), type: 'email', alternateId: u.alternateId, displayName: `${words(rng, 2, ' ')} notification` }], outcome: () => ['SUCCESS', 'delivered'] }, 3],
    [{ type: 'group.user_membership.add', legacy: 'core.user_group_member.user_add', message: 'Add user to group membership', actor: 'app', targets: (u) => [asUser(u), group()], outcome: ok }, 2],
    [{ type: 'group.user_membership.remove', legacy: 'core.user_group_member.user_remove', message: 'Remove user from group membership', actor: 'app', targets: (u) => [asUser(u), group()], outcome: ok }, 1],
    [{ type: 'application.user_membership.add', legacy: 'app.generic.provision.assign_user_to_app', message: 'Add user to application membership', actor: 'system', targets: (u) => [{ ...asUser(u), type: 'AppUser' }, app(), asUser(u)], outcome: ok }, 1.5],
    [{ type: 'application.user_membership.remove', legacy: 'app.generic.unprovision.user_deleted', message: 'Remove user from application membership', actor: 'system', targets: (u) => [{ ...asUser(u), type: 'AppUser' }, app()], outcome: ok }, 0.5],
    [{ type: 'user.account.update_password', legacy: 'core.user.config.password_update.success', message: 'User update password for Okta', actor: 'user', targets: (u) => [asUser(u)], outcome: maybeFail(0.1, 'Password could not be changed, please contact your administrator.') }, 1],
    [{ type: 'user.account.lock', legacy: 'core.user_auth.account_locked', message: 'Max sign in attempts exceeded', actor: 'user', targets: (u) => [asUser(u)], outcome: () => ['FAILURE', 'LOCKED_OUT'] }, 0.3],
    [{ type: 'user.lifecycle.create', legacy: 'core.user.config.user_creation.success', message: 'Create okta user', actor: 'system', targets: (u) => [asUser(u)], outcome: maybeFail(0.05, 'Login already in use') }, 0.5],
    [{ type: 'user.lifecycle.activate', legacy: 'core.user.config.user_activated', message: 'Activate Okta user', actor: 'app', targets: (u) => [asUser(u)], outcome: ok }, 0.4],
    [{ type: 'user.lifecycle.deactivate', legacy: 'core.user.config.user_deactivated', message: 'Deactivate Okta user', actor: 'app', targets: (u) => [asUser(u)], outcome: ok }, 0.2],
    [{ type: 'user.lifecycle.suspend', legacy: 'core.user.config.user_status.suspended', message: 'Suspend Okta user', actor: 'user', targets: (u) => [asUser(u)], outcome: ok }, 0.1],
    [{ type: 'user.mfa.factor.activate', legacy: 'core.user.factor.activate', message: 'Activate factor or authenticator', actor: 'user', targets: (u) => [asUser(u)], outcome: ok }, 0.5],
    [{ type: 'policy.rule.update', legacy: 'policy.rule.update', message: 'Update policy rule', actor: 'user', targets: () => [rng.pick(rules)], outcome: ok }, 0.2],
    [{ type: 'user.account.privilege.grant', legacy: 'core.user.admin_privilege.granted', message: 'Grant user privilege', actor: 'user', targets: (u) => [asUser(u)], outcome: ok }, 0.05],
    [{ type: 'system.api_token.create', legacy: 'api.token.create', message: 'Create API token', actor: 'user', targets: () => [{ id: oid('00T'), type: 'Token', alternateId: 'unknown', displayName: `${words(rng, 2, '-')}-token` }], outcome: ok }, 0.05],
    [{ type: 'security.threat.detected', legacy: 'security.threat.detected', message: 'Request from suspicious actor', actor: 'ip', targets: () => [], outcome: () => ['DENY', 'Login failures with high unknown users count, Login Failures'] }, 0.1],
  ]);

  const geo = (p: Place): Json => ({ city: p.city, country: p.country, geolocation: { lat: p.lat, lon: p.lon }, postalCode: p.postalCode, state: p.state });
  const party = (x: Party): Json => ({ alternateId: x.alternateId, detailEntry: null, displayName: x.displayName, id: x.id, type: x.type });

  return {
    header: null,
    record(i: number, tick: Tick): string {
      const u = users[userRank.sample(rng)]!;
      const k = kinds.sample(rng);
      const [result, reason] = k.outcome();
      const traveling = rng.chance(0.03);
      const place = traveling ? rng.pick(PLACES) : u.place;
      const ip = traveling ? `${rng.int(24, 217)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}` : u.ip;
      const actor: Json = k.actor === 'user' ? party(u) : k.actor === 'system' ? party(system) : k.actor === 'app' ? party(client)
        : { alternateId: 'unknown', detailEntry: null, displayName: 'Unknown', id: ip, type: 'IP address' };
      const requestId = rng.alnum(27);
      const uri = k.type === 'user.authentication.sso' ? `/app/${word(rng)}/${rng.alnum(20)}/sso/saml` : k.type.startsWith('user.session') ? '/idp/idx/identify' : `/api/v1/${k.type.split('.')[0]!}s`;
      const severity = result === 'FAILURE' || result === 'DENY' ? 'WARN' : 'INFO';
      const rec: Record<string, Json> = {
        actor,
        authenticationContext: { authenticationProvider: null, authenticationStep: 0, credentialProvider: null, credentialType: null, externalSessionId: rng.alnum(25), interface: null, issuer: null },
        client: { device: u.device, geographicalContext: geo(place), id: null, ipAddress: ip, userAgent: { browser: u.agent[0], os: u.agent[1], rawUserAgent: u.agent[2] }, zone: 'null' },
        debugContext: { debugData: { requestId, requestUri: uri, threatSuspected: String(k.actor === 'ip'), url: `${uri}?` } },
        displayMessage: k.message,
        eventType: k.type,
        legacyEventType: k.legacy,
        outcome: { reason, result },
        published: isoMillis(tick.ms),
        request: { ipChain: [{ geographicalContext: geo(place), ip, source: null, version: 'V4' }] },
        securityContext: { asNumber: 64496 + (u.ip.charCodeAt(0) % 7), asOrg: `${word(rng)} networks`, domain: `${org}.com`, isProxy: rng.chance(0.02), isp: `${word(rng)} isp` },
        severity,
        target: k.targets(u).map(party),
        transaction: { detail: {}, id: requestId, type: 'WEB' },
        uuid: uniqueUuid(rng, i, 0x1f83d9ab),
        version: '0',
      };
      return JSON.stringify(rec);
    },
  };
}
