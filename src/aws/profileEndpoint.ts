// Finds the endpoint a profile configures for a service (endpoint_url, services sections, AWS_ENDPOINT_URL_*),
// because the SDK v3 reads these only for AWS_PROFILE/default, not for the client's `profile` option.
import { readFile } from 'node:fs/promises';
import { sharedConfigPaths } from './profiles';

/** Config file sections by full header ("profile x", "default", "services y"); "key =" followed by indented lines gives "key.sub". */
export function parseConfigSections(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  let parent: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*([#;]|$)/.test(raw)) continue;
    const header = /^\s*\[\s*(.+?)\s*\]\s*$/.exec(raw);
    if (header?.[1]) {
      current = sections.get(header[1]) ?? new Map<string, string>();
      sections.set(header[1], current);
      parent = undefined;
      continue;
    }
    const eq = raw.indexOf('=');
    if (!current || eq <= 0) continue;
    const key = raw.slice(0, eq).trim().toLowerCase();
    const value = raw.slice(eq + 1).replace(/\s[;#].*$/, '').trim();
    if (/^\s/.test(raw) && parent) current.set(`${parent}.${key}`, value);
    else if (value === '') parent = key;
    else {
      parent = undefined;
      current.set(key, value);
    }
  }
  return sections;
}

/** "Storage Gateway" -> AWS_ENDPOINT_URL_STORAGE_GATEWAY and services key storage_gateway (AWS SDKs' configured endpoints). */
export function configuredEndpoint(config: Map<string, Map<string, string>>, profile: string, serviceId: string, env: NodeJS.ProcessEnv): string | undefined {
  const section = config.get(profile === 'default' ? 'default' : `profile ${profile}`) ?? (profile === 'default' ? config.get('profile default') : undefined);
  const ignore = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? section?.get('ignore_configured_endpoint_urls');
  if (ignore?.toLowerCase() === 'true') return undefined;
  const envService = env[`AWS_ENDPOINT_URL_${serviceId.toUpperCase().replace(/ /g, '_')}`] ?? env.AWS_ENDPOINT_URL;
  if (envService) return envService;
  const services = section?.get('services');
  const fromServices = services ? config.get(`services ${services}`)?.get(`${serviceId.toLowerCase().replace(/ /g, '_')}.endpoint_url`) : undefined;
  return fromServices ?? section?.get('endpoint_url');
}

export async function readConfiguredEndpoint(profile: string, serviceId: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  let text = '';
  try {
    text = await readFile(sharedConfigPaths(env).config, 'utf8');
  } catch {
    // No config file: only the environment variables can name an endpoint.
  }
  return configuredEndpoint(parseConfigSections(text), profile, serviceId, env);
}
