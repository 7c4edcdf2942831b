// The loopback HTTP host's admission rules as pure functions: the per-run token, the Host-header
// (DNS-rebinding) check, the Origin check, the JSON content type, and the headers every response
// carries. Kept apart from the server so each rule is tested on its own (docs/SECURITY.md).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { networkInterfaces } from 'node:os';

/** Bodies larger than this are refused with 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
  "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'none'",
].join('; ');

/** Headers on every response: the page is never framed, sniffed, cached by others or leaked by Referer. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function makeToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The token from `Authorization: Bearer …` or `x-audit-token`, else null. */
export function tokenFromHeaders(headers: Record<string, string | string[] | undefined>): string | null {
  const auth = headers['authorization'];
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (m) return m[1]!;
  }
  const x = headers['x-audit-token'];
  return typeof x === 'string' && x !== '' ? x : null;
}

/** Constant-time comparison, so response timing says nothing about how much of a guess was right. */
export function tokenMatches(given: string | null, token: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** `host:port` with IPv6 literals bracketed, as browsers send it in the Host header. */
export function hostPort(host: string, port: number): string {
  const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `${h}:${port}`.toLowerCase();
}

/**
 * The Host header values this server answers to. A DNS-rebinding page reaches us under its own name
 * (evil.example:PORT), which is not in this set. Binding every interface (0.0.0.0, ::) admits each
 * interface address, since that is what a remote browser will send.
 */
export function allowedHostHeaders(boundHost: string, port: number): Set<string> {
  const names = new Set<string>();
  if (isLoopbackHost(boundHost)) {
    for (const h of ['127.0.0.1', 'localhost', boundHost]) names.add(hostPort(h, port));
    if (boundHost === '::1' || boundHost === '[::1]') names.add(hostPort('::1', port));
  } else if (boundHost === '0.0.0.0' || boundHost === '::' || boundHost === '[::]') {
    for (const h of ['127.0.0.1', 'localhost']) names.add(hostPort(h, port));
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) names.add(hostPort(a.address, port));
  } else {
    names.add(hostPort(boundHost, port));
  }
  return names;
}

export function hostAllowed(hostHeader: string | undefined, allowed: Set<string>): boolean {
  return typeof hostHeader === 'string' && allowed.has(hostHeader.toLowerCase());
}

/**
 * A browser sends Origin on cross-origin requests (and on same-origin POSTs). Absent: a non-browser
 * client, which the token already gates. Present: it must be one of our own origins.
 */
export function originAllowed(origin: string | undefined, allowedHosts: Set<string>): boolean {
  if (origin === undefined) return true;
  const m = /^http:\/\/([^/]+)$/i.exec(origin);
  return m !== null && allowedHosts.has(m[1]!.toLowerCase());
}

export function isJsonContentType(ct: string | undefined): boolean {
  if (typeof ct !== 'string') return false;
  const [type, ...params] = ct.split(';').map((s) => s.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => p === '' || p === 'charset=utf-8');
}
