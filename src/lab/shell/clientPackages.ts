// Package records `yum/dnf list installed` shows for the client's tape tooling (versions of the reference run's AL2 client; AL2023 INFERRED).
import { ClientOs, InstalledPackage } from './CommandContext';

const VERSIONS: Readonly<Record<ClientOs, Readonly<Record<string, { version: string; repo: string }>>>> = {
  al2: {
    mtx: { version: '1.3.12-14.amzn2.0.2', repo: '@amzn2-core' },
    'mt-st': { version: '1.1-14.amzn2.0.2', repo: '@amzn2-core' },
    'iscsi-initiator-utils': { version: '6.2.0.874-22.amzn2', repo: '@amzn2-core' },
    tar: { version: '2:1.26-35.amzn2.0.3', repo: 'installed' },
    coreutils: { version: '8.22-24.amzn2.0.3', repo: 'installed' },
    curl: { version: '8.3.0-1.amzn2.0.5', repo: 'installed' },
  },
  al2023: {
    mtx: { version: '1.3.12-27.amzn2023.0.2', repo: '@amazonlinux' },
    'mt-st': { version: '1.4-7.amzn2023.0.2', repo: '@amazonlinux' },
    'iscsi-initiator-utils': { version: '6.2.1.4-7.git2a8f9d8.amzn2023.0.2', repo: '@amazonlinux' },
    tar: { version: '2:1.34-1.amzn2023.0.4', repo: '@System' },
    coreutils: { version: '8.32-30.amzn2023.0.3', repo: '@System' },
    curl: { version: '8.5.0-1.amzn2023.0.4', repo: '@System' },
  },
};

/** Packages built for every architecture: yum lists them as name.noarch on x86_64 and aarch64 hosts alike (awscli-2 is Python). */
const NOARCH = new Set(['awscli-2']);

/** The tape tools a client needs, as the reference walkthrough's user data installs them. */
export const TAPE_CLIENT_PACKAGES = ['iscsi-initiator-utils', 'mt-st', 'mtx'];

/** Turns package names into full records for the host's architecture (x86_64 or aarch64; noarch ones as such); names outside the table are shown as from the base image. */
export function packageRecords(os: ClientOs, arch: string, names: readonly (string | InstalledPackage)[]): InstalledPackage[] {
  const base = ['coreutils', 'curl', 'tar'];
  const all = [...base, ...names.filter((n) => typeof n !== 'string' || !base.includes(n))];
  return all.map((item) => {
    if (typeof item !== 'string') return item;
    const known = VERSIONS[os][item];
    return { name: item, arch: NOARCH.has(item) ? 'noarch' : arch, version: known?.version ?? '1.0-1', repo: known?.repo ?? (os === 'al2' ? '@amzn2-core' : '@amazonlinux') };
  });
}
