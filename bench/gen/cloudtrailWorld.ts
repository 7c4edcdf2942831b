// The simulated AWS organisation behind generated CloudTrail: accounts, a few hundred principals
// (IAM users, assumed-role sessions, root, AWS services) ranked Zipf-style by activity, and finite
// resource pools (buckets, roles, instances, keys…) so names repeat the way they do in real trails.
import { Rng, Zipf, Weighted } from './prng.ts';
import { word } from './vocab.ts';

export type Persona = 'human' | 'automation' | 'service' | 'root';

export interface Principal {
  index: number;
  type: 'IAMUser' | 'AssumedRole' | 'Root' | 'AWSService';
  persona: Persona;
  accountId: string;
  arn: string;
  principalId: string;
  userName: string;
  /** AssumedRole: the role behind the session. */
  role?: { name: string; id: string; arn: string };
  /** AWSService: the calling service host, e.g. `config.amazonaws.com`. */
  service?: string;
  /** Long-lived AKIA key for IAM users driving the CLI/SDK; sessions get ASIA keys per hour. */
  longKey?: string;
  ips: string[];
  agents: string[];
  region: string;
}

export interface Pool<T> {
  items: T[];
  zipf: Zipf;
}

export interface Instance { id: string; name: string; type: string; }
export interface Key { id: string; alias: string; }

export interface World {
  org: string;
  accounts: string[];
  principals: Principal[];
  principalRank: Zipf;
  buckets: Pool<string>;
  roles: Pool<{ name: string; id: string }>;
  users: Pool<string>;
  instances: Pool<Instance>;
  groups: Pool<{ id: string; name: string }>;
  keys: Pool<Key>;
  subnets: Pool<string>;
  trails: string[];
  regions: Weighted<string>;
}

const FIRST = ['alice', 'bob', 'carol', 'dmitri', 'elena', 'farah', 'gustavo', 'hana', 'ivan', 'jun', 'kwame', 'lena', 'mateo', 'nadia', 'omar', 'priya', 'quinn', 'rosa', 'sven', 'tariq', 'uma', 'viktor', 'wei', 'ximena', 'yusuf', 'zoe'];
const LAST = ['nguyen', 'smith', 'garcia', 'kowalski', 'okafor', 'tanaka', 'muller', 'rossi', 'haddad', 'johansson', 'patel', 'silva', 'kim', 'obrien', 'dubois', 'novak'];
const SERVICES = ['config.amazonaws.com', 'lambda.amazonaws.com', 'ec2.amazonaws.com', 'cloudtrail.amazonaws.com', 's3.amazonaws.com', 'autoscaling.amazonaws.com', 'guardduty.amazonaws.com', 'backup.amazonaws.com', 'elasticloadbalancing.amazonaws.com', 'ecs-tasks.amazonaws.com', 'securityhub.amazonaws.com', 'access-analyzer.amazonaws.com'];
const INSTANCE_TYPES = ['t3.micro', 't3.medium', 'm5.large', 'm6i.xlarge', 'c6g.2xlarge', 'r5.large', 'g5.xlarge'];
const REGIONS: Array<[string, number]> = [['us-east-1', 50], ['us-west-2', 20], ['eu-west-1', 14], ['eu-central-1', 7], ['ap-northeast-1', 5], ['ap-southeast-2', 2], ['sa-east-1', 1], ['ca-central-1', 1]];

const BROWSERS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0',
  'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
];
// Old and new SDK generations side by side, as in real trails (new ones are much longer).
const SDKS = [
  'aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/linux#5.10.210-201.852.amzn2.x86_64 md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/prompt#off',
  'aws-cli/1.29.62 Python/3.9.16 Linux/5.10.192-183.736.amzn2.x86_64 botocore/1.31.62',
  'Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#5.10.213 md/arch#x86_64 lang/python#3.11.6 cfg/retry-mode#legacy Botocore/1.34.69',
  'Boto3/1.26.90 Python/3.10.12 Linux/5.15.0-1051-aws Botocore/1.29.90',
  'APN/1.0 HashiCorp/1.0 Terraform/1.7.5 (+https://www.terraform.io) terraform-provider-aws/5.42.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.26.0 os/linux lang/go#1.22.1',
  'aws-sdk-go/1.50.30 (go1.22.1; linux; amd64)',
  'aws-sdk-java/1.12.670 Linux/5.10.210 OpenJDK_64-Bit_Server_VM/17.0.10+7-LTS java/17.0.10 vendor/Amazon.com_Inc.',
  'aws-sdk-nodejs/2.1560.0 linux/v18.19.0 exec-env/AWS_Lambda_nodejs18.x promise',
];
const AWS_NETS = [3, 13, 18, 34, 35, 44, 52, 54];
const ISP_NETS = [24, 62, 73, 81, 86, 92, 98, 109, 151, 176, 185, 203, 217];

function pool<T>(items: T[], s: number): Pool<T> {
  return { items, zipf: new Zipf(items.length, s) };
}

export function pickFrom<T>(rng: Rng, p: Pool<T>): T {
  return p.items[p.zipf.sample(rng)]!;
}

function digits(rng: Rng, n: number): string {
  let s = String(rng.int(1, 9));
  for (let i = 1; i < n; i++) s += String(rng.int(0, 9));
  return s;
}

function ip(rng: Rng, nets: number[]): string {
  return `${rng.pick(nets)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

function uniqueNames(rng: Rng, n: number, make: () => string): string[] {
  const seen = new Set<string>();
  while (seen.size < n) seen.add(make());
  return rng.shuffle([...seen]);
}

export function createWorld(rng: Rng, principalCount = 300): World {
  const org = rng.pick(['acme', 'globex', 'initech', 'umbrella', 'hooli', 'wayne', 'stark', 'tyrell']);
  const accounts = [digits(rng, 12), digits(rng, 12), digits(rng, 12)];
  const buckets = uniqueNames(rng, 60, () => `${org}-${word(rng)}-${word(rng)}${rng.chance(0.1) ? '-' + accounts[0] : ''}`);
  const roleNames = uniqueNames(rng, 36, () => `${word(rng)}-${rng.pick(['role', 'exec', 'deploy', 'reader', 'etl'])}`);
  roleNames.unshift('OrganizationAccountAccessRole', `AWSReservedSSO_AdministratorAccess_${rng.hex(8)}`, `AWSReservedSSO_ReadOnlyAccess_${rng.hex(8)}`, 'github-actions-deploy');
  const roles = pool(roleNames.map((name) => ({ name, id: 'AROA' + rng.awsKeyChars(17) })), 1.0);
  const humans = uniqueNames(rng, 70, () => `${rng.pick(FIRST)}.${rng.pick(LAST)}`);
  const svcUsers = uniqueNames(rng, 50, () => `svc-${word(rng)}-${word(rng)}`);
  const users = pool([...humans, ...svcUsers], 1.0);
  const instances = pool(Array.from({ length: 150 }, () => ({
    id: 'i-0' + rng.hex(8),
    name: `${word(rng)}-${word(rng)}-${rng.int(1, 40)}`,
    type: rng.pick(INSTANCE_TYPES),
  })), 1.1);
  const groups = pool(Array.from({ length: 40 }, () => ({ id: 'sg-0' + rng.hex(8), name: `${word(rng)}-${word(rng)}-sg` })), 1.0);
  const keys = pool(Array.from({ length: 20 }, () => ({ id: rng.uuid(), alias: `alias/${word(rng)}-${word(rng)}` })), 1.1);
  const subnets = pool(Array.from({ length: 20 }, () => 'subnet-0' + rng.hex(8)), 1.0);
  const trails = ['management-events', `${org}-org-trail`];
  const regions = new Weighted(REGIONS);

  const principals: Principal[] = [];
  const add = (p: Omit<Principal, 'index' | 'ips' | 'agents' | 'region'>, ips: string[], agents: string[]) =>
    principals.push({ ...p, index: principals.length, ips, agents, region: regions.sample(rng) });
  for (const acct of accounts) {
    add({ type: 'Root', persona: 'root', accountId: acct, arn: `arn:aws:iam::${acct}:root`, principalId: acct, userName: 'root' }, [ip(rng, ISP_NETS)], [rng.pick(BROWSERS)]);
  }
  for (const svc of SERVICES) {
    add({ type: 'AWSService', persona: 'service', accountId: rng.pick(accounts), arn: '', principalId: '', userName: '', service: svc }, [svc], [svc]);
  }
  for (const name of users.items) {
    const human = !name.startsWith('svc-');
    const acct = rng.pick(accounts);
    add({
      type: 'IAMUser', persona: human ? 'human' : 'automation', accountId: acct,
      arn: `arn:aws:iam::${acct}:user/${name}`, principalId: 'AIDA' + rng.awsKeyChars(17), userName: name,
      ...(human ? {} : { longKey: 'AKIA' + rng.awsKeyChars(16) }),
    }, human ? [ip(rng, ISP_NETS), ip(rng, ISP_NETS)] : [ip(rng, AWS_NETS)], human ? [rng.pick(BROWSERS), 'AWS Internal', rng.pick(SDKS)] : [rng.pick(SDKS)]);
  }
  while (principals.length < principalCount) {
    const role = pickFrom(rng, roles);
    const sso = role.name.startsWith('AWSReservedSSO');
    const human = sso || rng.chance(0.1);
    const acct = rng.pick(accounts);
    const session = human
      ? `${rng.pick(FIRST)}.${rng.pick(LAST)}@${org}.com`
      : rng.pick([`botocore-session-${digits(rng, 10)}`, 'GitHubActions', `i-0${rng.hex(8)}`, `terraform-${word(rng)}`, `${word(rng)}-job`, `${digits(rng, 10)}`]);
    add({
      type: 'AssumedRole', persona: human ? 'human' : 'automation', accountId: acct,
      arn: `arn:aws:sts::${acct}:assumed-role/${role.name}/${session}`, principalId: `${role.id}:${session}`, userName: session,
      role: { name: role.name, id: role.id, arn: `arn:aws:iam::${acct}:role/${role.name}` },
    }, human ? [ip(rng, ISP_NETS)] : [ip(rng, AWS_NETS), rng.chance(0.3) ? 'AWS Internal' : ip(rng, AWS_NETS)], human ? [rng.pick(BROWSERS), 'AWS Internal'] : [rng.pick(SDKS)]);
  }
  // Rank by a persona-biased random score: automation and services dominate real trails, people
  // come next, and root is (and should be) rare.
  const bias: Record<Persona, number> = { automation: 3, service: 4, human: 1, root: 0.02 };
  const ranked = principals
    .map((p) => ({ p, score: rng.float() * bias[p.persona] }))
    .sort((a, b) => b.score - a.score)
    .map((x, i) => ({ ...x.p, index: i }));

  return {
    org, accounts, principals: ranked, principalRank: new Zipf(ranked.length, 1.1),
    buckets: pool(buckets, 1.1), roles, users, instances, groups, keys, subnets, trails, regions,
  };
}
