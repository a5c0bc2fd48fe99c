// Reads the profile names and regions a user has in the shared AWS config and credentials files.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface AwsProfile {
  readonly name: string;
  readonly region: string | undefined;
  /** "sso" when the profile signs in through IAM Identity Center. */
  readonly kind: 'sso' | 'keys' | 'process' | 'role' | 'other';
}

export function sharedConfigPaths(env: NodeJS.ProcessEnv = process.env): { config: string; credentials: string } {
  return {
    config: env.AWS_CONFIG_FILE ?? join(homedir(), '.aws', 'config'),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE ?? join(homedir(), '.aws', 'credentials'),
  };
}

/** Parses INI text into sections; `[profile x]` in the config file names profile x. */
export function parseIniSections(text: string, isConfigFile: boolean): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s[;#].*$/, '').trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*(.+?)\s*\]$/.exec(line);
    if (header?.[1]) {
      const name = header[1];
      const profile = isConfigFile ? (name === 'default' ? 'default' : /^profile\s+(.+)$/.exec(name)?.[1]) : name;
      current = profile ? (sections.get(profile) ?? new Map<string, string>()) : undefined;
      if (profile && current) sections.set(profile, current);
      continue;
    }
    const eq = line.indexOf('=');
    if (current && eq > 0) current.set(line.slice(0, eq).trim().toLowerCase(), line.slice(eq + 1).trim());
  }
  return sections;
}

export async function listProfiles(env: NodeJS.ProcessEnv = process.env): Promise<AwsProfile[]> {
  const paths = sharedConfigPaths(env);
  const config = parseIniSections(await readOptional(paths.config), true);
  const credentials = parseIniSections(await readOptional(paths.credentials), false);
  const names = [...new Set([...config.keys(), ...credentials.keys()])].sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
  return names.map((name) => {
    const settings = new Map([...(credentials.get(name) ?? []), ...(config.get(name) ?? [])]);
    return { name, region: settings.get('region'), kind: profileKind(settings) };
  });
}

function profileKind(settings: Map<string, string>): AwsProfile['kind'] {
  if (settings.has('sso_session') || settings.has('sso_start_url')) return 'sso';
  if (settings.has('credential_process')) return 'process';
  if (settings.has('role_arn')) return 'role';
  if (settings.has('aws_access_key_id')) return 'keys';
  return 'other';
}

async function readOptional(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return '';
  }
}
