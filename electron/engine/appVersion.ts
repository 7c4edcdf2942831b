// The app's version, read once from package.json (recorded in export manifests and case.info).
import { readFileSync } from 'node:fs';

let cached: string | null = null;

export function appVersion(): string {
  cached ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cached;
}
