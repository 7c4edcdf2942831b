// Colour coding that lets an auditor scan a page: what kind of action a row is (create/add green,
// delete/remove red, update/change grey, authentication or failure amber) and how it ended
// (FAILED red, WARNING amber, IN_PROGRESS blue, SUCCESS quiet). Read from the words of the action
// name, since every system spells actions differently (DeleteBucket, post.deleted, user.session.start).
import type { Outcome } from '../../shared/model.ts';

export type ActionTone = 'create' | 'delete' | 'update' | 'auth' | 'neutral';
export type StatusTone = 'failure' | 'warning' | 'progress' | 'success' | 'unknown';

const DELETE = /^(delete[ds]?|deleting|deletion|remove[ds]?|removing|removal|destroy(ed|s)?|revoke[ds]?|revoking|disable[ds]?|deactivate[ds]?|suspend(ed|s)?|purge[ds]?|drop(ped|s)?|unregister(ed|s)?|terminate[ds]?|unassign(ed|s)?|ban(ned|s)?|erase[ds]?|wipe[ds]?)$/;
const CREATE = /^(add|added|adds|adding|create[ds]?|creating|creation|insert(ed|s)?|invite[ds]?|grant(ed|s)?|enable[ds]?|activate[ds]?|register(ed|s)?|join(ed|s)?|new|upload(ed|s)?|give|given|award(ed)?|import(ed)?|provision(ed)?)$/;
const AUTH = /^(login|logon|logout|logoff|signin|signout|sign|auth|authn|authz|authenticat\w*|authoriz\w*|sso|saml|oauth\w*|mfa|2fa|otp|password\w*|passwd|session|token|assumerole|assume|credential\w*|fail|failed|failure|failures|denied|deny|unauthorized|forbidden|locked|lockout)$/;
const UPDATE = /^(update[ds]?|updating|change[ds]?|changing|edit(ed|s)?|modif\w*|set|put|patch(ed|es)?|rename[ds]?|move[ds]?|replace[ds]?|reset|toggle[ds]?|transfer(red|s)?|promote[ds]?|demote[ds]?)$/;

function words(action: string): string[] {
  return action.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

export function actionTone(action: string | null, outcome: Outcome): ActionTone {
  if (outcome === 'failure') return 'auth';
  if (!action) return 'neutral';
  const ws = words(action);
  if (ws.some((w) => DELETE.test(w))) return 'delete';
  if (ws.some((w) => CREATE.test(w))) return 'create';
  if (ws.some((w) => AUTH.test(w))) return 'auth';
  if (ws.some((w) => UPDATE.test(w))) return 'update';
  return 'neutral';
}

export function statusTone(outcome: Outcome): StatusTone {
  switch (outcome) {
    case 'failure': return 'failure';
    case 'warning': return 'warning';
    case 'in_progress': return 'progress';
    case 'success': return 'success';
    default: return 'unknown';
  }
}
