// The client's packages: what its image's repositories offer (versions and sizes), and the records `yum/dnf list installed` shows (AL2 tape tools from the reference run; other versions INFERRED from the distributions' package lists).
import { ClientOs, InstalledPackage } from './CommandContext';

/** A package as the repository offers it: version (with epoch when it has one) and the sizes yum/dnf print, in KiB. */
export interface RepositoryPackage {
  readonly version: string;
  readonly downloadKiB: number;
  readonly installedKiB: number;
}

/** The repository a package comes from: yum prints its id without `@` in transactions, `list installed` with it. */
export const REPOSITORY_ID: Readonly<Record<ClientOs, string>> = { al2: 'amzn2-core', al2023: 'amazonlinux' };

/**
 * What each image's reachable repositories offer (only the packages this lab knows). AL2023 has iscsi-initiator-utils
 * since AL2023.1, but no mt-st, mtx or sg3_utils (absent from its support list); AL2 has them all.
 */
export const REPOSITORY_PACKAGES: Readonly<Record<ClientOs, Readonly<Record<string, RepositoryPackage>>>> = {
  al2: {
    mtx: { version: '1.3.12-14.amzn2.0.2', downloadKiB: 94, installedKiB: 237 },
    'mt-st': { version: '1.1-14.amzn2.0.2', downloadKiB: 38, installedKiB: 74 },
    'iscsi-initiator-utils': { version: '6.2.0.874-22.amzn2', downloadKiB: 428, installedKiB: 1434 },
    'sg3_utils': { version: '1.37-19.amzn2', downloadKiB: 646, installedKiB: 2143 },
    lsscsi: { version: '0.27-6.amzn2.0.2', downloadKiB: 34, installedKiB: 74 },
    'device-mapper-multipath': { version: '0.4.9-127.amzn2', downloadKiB: 146, installedKiB: 279 },
    gcc: { version: '7.3.1-17.amzn2', downloadKiB: 22611, installedKiB: 65023 },
    make: { version: '1:3.82-24.amzn2', downloadKiB: 421, installedKiB: 1160 },
    tar: { version: '2:1.26-35.amzn2.0.3', downloadKiB: 846, installedKiB: 2898 },
    cpio: { version: '2.12-11.amzn2', downloadKiB: 262, installedKiB: 689 },
  },
  al2023: {
    'iscsi-initiator-utils': { version: '6.2.1.4-7.git2a8f9d8.amzn2023.0.2', downloadKiB: 384, installedKiB: 1322 },
    lsscsi: { version: '0.32-6.amzn2023.0.2', downloadKiB: 65, installedKiB: 124 },
    'device-mapper-multipath': { version: '0.8.7-19.amzn2023.0.1', downloadKiB: 151, installedKiB: 336 },
    gcc: { version: '11.4.1-2.amzn2023.0.2', downloadKiB: 32768, installedKiB: 98304 },
    make: { version: '1:4.3-5.amzn2023.0.2', downloadKiB: 534, installedKiB: 1638 },
    tar: { version: '2:1.34-1.amzn2023.0.4', downloadKiB: 876, installedKiB: 3072 },
    cpio: { version: '2.13-11.amzn2023.0.2', downloadKiB: 268, installedKiB: 1126 },
    mtools: { version: '4.0.35-3.amzn2023.0.2', downloadKiB: 213, installedKiB: 552 },
    dd_rescue: { version: '1.99.11-7.amzn2023.0.2', downloadKiB: 107, installedKiB: 262 },
  },
};

/** Versions of base-image packages (coreutils, curl) and of tools the AL2023 image had from an earlier user data. */
const BASE_VERSIONS: Readonly<Record<ClientOs, Readonly<Record<string, string>>>> = {
  al2: { coreutils: '8.22-24.amzn2.0.3', curl: '8.3.0-1.amzn2.0.5' },
  al2023: { coreutils: '8.32-30.amzn2023.0.3', curl: '8.5.0-1.amzn2023.0.4', mtx: '1.3.12-27.amzn2023.0.2', 'mt-st': '1.4-7.amzn2023.0.2' },
};

/** The image's own packages: `list installed` shows their repo as `installed` (yum 3) or `@System` (dnf). */
const IMAGE_PACKAGES = ['coreutils', 'curl', 'tar'];

/** Packages built for every architecture: yum lists them as name.noarch on x86_64 and aarch64 hosts alike (awscli-2 is Python). */
const NOARCH = new Set(['awscli-2']);

/** The tape tools a client needs, as the reference walkthrough's user data installs them. */
export const TAPE_CLIENT_PACKAGES = ['iscsi-initiator-utils', 'mt-st', 'mtx'];

/** One package's record for the host's architecture (noarch ones as such); names the lab does not know are shown as from the base repository. */
export function packageRecord(os: ClientOs, arch: string, name: string): InstalledPackage {
  const offered = REPOSITORY_PACKAGES[os][name];
  const image = IMAGE_PACKAGES.includes(name);
  const version = (image ? BASE_VERSIONS[os][name] : undefined) ?? offered?.version ?? BASE_VERSIONS[os][name] ?? '1.0-1';
  const repo = image ? (os === 'al2' ? 'installed' : '@System') : `@${REPOSITORY_ID[os]}`;
  return { name, arch: NOARCH.has(name) ? 'noarch' : arch, version, repo };
}

/** Turns package names into full records (the image's own packages first, then the rest in the order given). */
export function packageRecords(os: ClientOs, arch: string, names: readonly (string | InstalledPackage)[]): InstalledPackage[] {
  const all = [...IMAGE_PACKAGES, ...names.filter((n) => typeof n !== 'string' || !IMAGE_PACKAGES.includes(n))];
  return all.map((item) => (typeof item === 'string' ? packageRecord(os, arch, item) : item));
}
