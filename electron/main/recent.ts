// The user's small persistent state: recently opened cases and the theme, in settings.json in the
// user-data folder. Reading tolerates a missing or damaged file (a fresh start, not a crash).
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

export type Theme = 'system' | 'light' | 'dark';
export interface Settings { recent: string[]; theme: Theme }

const MAX_RECENT = 10;

export function addRecent(recent: readonly string[], path: string): string[] {
  return [path, ...recent.filter((p) => p !== path)].slice(0, MAX_RECENT);
}

export function loadSettings(userData: string): Settings {
  try {
    const v = JSON.parse(readFileSync(join(userData, 'settings.json'), 'utf8')) as Partial<Settings>;
    return {
      recent: Array.isArray(v.recent) ? v.recent.filter((p): p is string => typeof p === 'string').slice(0, MAX_RECENT) : [],
      theme: v.theme === 'light' || v.theme === 'dark' ? v.theme : 'system',
    };
  } catch {
    return { recent: [], theme: 'system' };
  }
}

export function saveSettings(userData: string, s: Settings): void {
  const file = join(userData, 'settings.json');
  writeFileSync(`${file}.tmp`, JSON.stringify(s, null, 2));
  renameSync(`${file}.tmp`, file);
}
