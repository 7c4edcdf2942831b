// Picks the transport once, at start: the Electron preload's `window.auditApi` when it exists,
// otherwise serve's HTTP API authenticated with the token in the page URL. Everything above this
// folder sees only the contract's `AuditApi`.
import type { AuditApi } from '../../shared/contract.ts';
import { createHttpApi, tokenFromLocation } from './httpTransport.ts';

declare global {
  interface Window { auditApi?: AuditApi }
}

export function createApi(): AuditApi {
  if (window.auditApi) return window.auditApi;
  // Relative to the page so a reverse proxy or a sub-path keeps working.
  const base = new URL('.', window.location.href).href.replace(/\/$/, '');
  return createHttpApi(base, tokenFromLocation(window.location.hash));
}
