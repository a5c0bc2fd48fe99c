// An instance's user data: the packages its dnf/yum lines install (settled at boot), the script run on the host, the tools status file.
import type { ClientHost } from '../../hosts/ClientHost';
import type { ImageFamily } from './amazonImages';
import type { BootstrapResult } from './SimulatedInstance';
import { REPOSITORY_PACKAGES } from '../../shell/clientPackages';

/** Where templates/tape-gateway.yaml's user data writes which tape tools are present (read through SSM). */
export const BOOTSTRAP_STATUS_PATH = '/var/log/tapegw-bootstrap.status';

const BASE_PACKAGES = ['bash', 'coreutils', 'curl', 'tar', 'gzip', 'util-linux', 'amazon-ssm-agent', 'awscli-2'];

/** Packages each image's reachable repositories offer (only the ones this lab knows; the gateway's image offers none). */
function repositoryPackages(family: ImageFamily): readonly string[] {
  return family === 'storagegateway' ? [] : Object.keys(REPOSITORY_PACKAGES[family]);
}

const TOOLS: readonly { tool: string; packageName: string }[] = [
  { tool: 'iscsiadm', packageName: 'iscsi-initiator-utils' },
  { tool: 'mt', packageName: 'mt-st' },
  { tool: 'mtx', packageName: 'mtx' },
];

const INSTALL_LINE = /\b(dnf|yum)\s+((?:-\S+\s+)*)install\s+([^;&|\n]+)/g;

export function simulateUserData(userData: string, family: ImageFamily, completedAt: Date): BootstrapResult {
  const installed = new Set(BASE_PACKAGES);
  const available = new Set(repositoryPackages(family));
  for (const match of userData.matchAll(INSTALL_LINE)) {
    const manager = family === 'al2023' ? 'dnf' : match[1];
    const words = (match[3] ?? '').trim().split(/\s+/);
    const options = [...(match[2] ?? '').split(/\s+/), ...words.filter((word) => word.startsWith('-'))];
    const names = words.filter((word) => word !== '' && !word.startsWith('-') && !word.includes('$') && !word.includes('/'));
    const missing = names.filter((name) => !available.has(name));
    // dnf refuses the whole transaction when any name has no match (unless --skip-broken); AL2's yum installs the rest.
    if (manager === 'dnf' && missing.length > 0 && !options.includes('--skip-broken')) continue;
    for (const name of names) if (available.has(name)) installed.add(name);
  }
  const files = userData.includes(BOOTSTRAP_STATUS_PATH) ? [{ path: BOOTSTRAP_STATUS_PATH, content: statusFile(installed, family, completedAt) }] : [];
  return { installedPackages: [...installed].sort(), files };
}

/** Same key=value format the template's user data writes. */
function statusFile(installed: ReadonlySet<string>, family: ImageFamily, completedAt: Date): string {
  const osId = family === 'al2' ? 'amzn2' : 'amzn2023';
  const lines = TOOLS.map(({ tool, packageName }) => `${tool}=${installed.has(packageName) ? 'present' : 'missing'}`);
  return [`os=${osId}`, ...lines, `completed=${completedAt.toISOString().replace(/\.\d{3}Z$/, 'Z')}`, ''].join('\n');
}

/** Where cloud-init writes what the user data script printed (stdout and stderr, in order of the runs). */
export const CLOUD_INIT_OUTPUT_PATH = '/var/log/cloud-init-output.log';

/** cloud-init gives up on nothing, but the lab bounds a user data script that never ends (wall clock). */
const USER_DATA_TIME_LIMIT_MS = 10 * 60 * 1000;

/**
 * Runs a user data shell script (`#!…` first line, as cloud-init requires) as root through the host's script runner, the
 * same entry point Run Command uses, and returns what it printed for the cloud-init output log. Packages its yum/dnf lines
 * install are already on the host (simulateUserData), so those lines answer as for installed packages.
 */
export async function runUserData(host: ClientHost, userData: string): Promise<string | undefined> {
  if (!userData.startsWith('#!')) return undefined;
  const result = await host.runner.run(userData, { signal: AbortSignal.timeout(USER_DATA_TIME_LIMIT_MS) });
  return `${result.stdout}${result.stderr}`;
}
