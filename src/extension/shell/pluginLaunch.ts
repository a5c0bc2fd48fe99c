// How to run the official session-manager-plugin the way the AWS CLI does: find it, and build its six arguments and environment.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { StartedSession } from '../../aws/SsmApi';
import type { ConnectionTarget } from '../../aws/AwsConnection';

export const PLUGIN_INSTALL_URL = 'https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-install-plugin.html';

/**
 * The plugin reads the StartSession response from this variable when argv1 names it, then unsets it
 * (plugin 1.2.497.0 and later; the AWS CLI uses this form so the token never shows in a process list).
 */
export const START_SESSION_RESPONSE_VARIABLE = 'AWS_SSM_START_SESSION_RESPONSE';

interface PluginLaunch {
  /** argv1..argv6: response variable name, region, "StartSession", profile ("" = default chain), request parameters JSON, SSM endpoint URL. */
  readonly args: readonly [string, string, string, string, string, string];
  /** Added to the inherited environment. Holds the token: never log it. */
  readonly env: Readonly<Record<string, string>>;
}

/** Where AWS's installers put the plugin: the Windows MSI under Program Files; the macOS and Linux packages in /usr/local. */
export function installerDirectories(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string[] {
  return platform === 'win32'
    ? [join(env.ProgramFiles ?? 'C:\\Program Files', 'Amazon', 'SessionManagerPlugin', 'bin')]
    : ['/usr/local/sessionmanagerplugin/bin', '/usr/local/bin'];
}

/** Finds session-manager-plugin at the configured path, on PATH, or in the installers' folders. */
export function findSessionManagerPlugin(
  configuredPath: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  installed: readonly string[] = installerDirectories(env, platform),
): string | undefined {
  if (configuredPath) return isExecutable(configuredPath, platform) ? configuredPath : undefined;
  const fileName = platform === 'win32' ? 'session-manager-plugin.exe' : 'session-manager-plugin';
  const pathVariable = env.PATH ?? env.Path ?? '';
  const directories = pathVariable.split(platform === 'win32' ? ';' : delimiter).filter((d) => d.length > 0);
  for (const directory of [...directories, ...installed]) {
    const candidate = join(directory, fileName);
    if (isExecutable(candidate, platform)) return candidate;
  }
  return undefined;
}

function isExecutable(path: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The SSM endpoint the plugin signs ResumeSession/TerminateSession against (argv6). */
export function ssmEndpointFor(target: ConnectionTarget): string {
  if (target.kind === 'lab') return target.endpoint;
  const suffix = target.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://ssm.${target.region}.${suffix}`;
}

export function buildPluginLaunch(session: StartedSession, instanceId: string, target: ConnectionTarget): PluginLaunch {
  const response = JSON.stringify({ SessionId: session.sessionId, TokenValue: session.tokenValue, StreamUrl: session.streamUrl });
  const env: Record<string, string> = { [START_SESSION_RESPONSE_VARIABLE]: response };
  if (target.kind === 'lab') {
    // The lab accepts any SigV4 signature; these are its published test keys, not a user's secret.
    env.AWS_ACCESS_KEY_ID = target.accessKeyId;
    env.AWS_SECRET_ACCESS_KEY = target.secretAccessKey;
    env.AWS_EC2_METADATA_DISABLED = 'true';
  }
  const profile = target.kind === 'aws' ? (target.profile ?? '') : '';
  return {
    args: [START_SESSION_RESPONSE_VARIABLE, target.region, 'StartSession', profile, JSON.stringify({ Target: instanceId }), ssmEndpointFor(target)],
    env,
  };
}

/** A log line for a launch: the command line only (it holds no token); the environment is never described. */
export function describePluginLaunch(pluginPath: string, launch: PluginLaunch): string {
  return `${pluginPath} ${launch.args.map((a) => (a === '' ? "''" : /[\s"{}]/.test(a) ? `'${a}'` : a)).join(' ')}`;
}
