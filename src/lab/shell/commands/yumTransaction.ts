// What yum 3 (AL2) and dnf 4 (AL2023) print for an install transaction: the resolved table, the summary, the prompt, and the run itself.
import { ClientOs, InstalledPackage } from '../CommandContext';
import { REPOSITORY_ID, RepositoryPackage } from '../clientPackages';

export interface PlannedPackage {
  readonly name: string;
  readonly arch: string;
  readonly offered: RepositoryPackage;
}

const RULE = '='.repeat(80);

/** yum/dnf sizes: `94 k`, `1.4 M` (powers of 1024). */
function size(kib: number): string {
  if (kib < 1000) return `${kib} k`;
  const mib = kib / 1024;
  return mib < 10 ? `${mib.toFixed(1)} M` : `${Math.round(mib)} M`;
}

function plural(count: number): string {
  return `${count} Package${count === 1 ? '' : 's'}`;
}

/** Columns as both tools lay them out: left-aligned text, the size right-aligned, a leading space. */
function table(os: ClientOs, plan: readonly PlannedPackage[]): string[] {
  const header = ['Package', os === 'al2' ? 'Arch' : 'Architecture', 'Version', 'Repository', 'Size'];
  const rows = plan.map((p) => [p.name, p.arch, p.offered.version.replace(/^\d+:/, ''), REPOSITORY_ID[os], size(p.offered.downloadKiB)]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => ` ${cells.slice(0, 4).map((cell, i) => cell.padEnd(widths[i] + 2)).join('')}${cells[4].padStart(widths[4])}`;
  return [RULE, line(header), RULE, 'Installing:', ...rows.map(line)];
}

/** Everything up to the confirmation prompt. */
export function transactionHead(os: ClientOs, plan: readonly PlannedPackage[]): string {
  const download = plan.reduce((sum, p) => sum + p.offered.downloadKiB, 0);
  const installed = plan.reduce((sum, p) => sum + p.offered.installedKiB, 0);
  const resolution =
    os === 'al2'
      ? ['Resolving Dependencies', '--> Running transaction check', ...plan.map((p) => `---> Package ${p.name}.${p.arch} ${/^\d+:/.test(p.offered.version) ? '' : '0:'}${p.offered.version} will be installed`), '--> Finished Dependency Resolution', '', 'Dependencies Resolved', '']
      : ['Dependencies resolved.'];
  const summary = ['', 'Transaction Summary', RULE, `Install  ${plural(plan.length)}`, '', `Total download size: ${size(download)}`, `Installed size: ${size(installed)}`];
  return [...resolution, ...table(os, plan), ...summary].map((line) => `${line}\n`).join('');
}

/** The prompt (no newline: without a terminal the next message follows on the same line). */
export function confirmPrompt(os: ClientOs): string {
  return os === 'al2' ? 'Is this ok [y/d/N]: ' : 'Is this ok [y/N]: ';
}

/** The download and the rpm transaction, through `Complete!`. */
export function transactionRun(os: ClientOs, installed: readonly InstalledPackage[], plan: readonly PlannedPackage[]): string {
  const nevra = (p: PlannedPackage) => `${p.name}-${p.offered.version.replace(/^\d+:/, '')}.${p.arch}`;
  const step = (label: string, p: PlannedPackage, index: number) => {
    const counter = `${index + 1}/${plan.length} `;
    const text = `  ${label}: ${nevra(p)}`;
    return `${text}${counter.padStart(Math.max(counter.length + 1, 80 - text.length))}`;
  };
  const lines =
    os === 'al2'
      ? [
          'Downloading packages:',
          ...plan.map((p) => `${`${nevra(p)}.rpm`.padEnd(57)}| ${size(p.offered.downloadKiB).padStart(6)}B  00:00:00     `),
          'Running transaction check',
          'Running transaction test',
          'Transaction test succeeded',
          'Running transaction',
          ...plan.map((p, i) => step('Installing ', p, i)),
          ...plan.map((p, i) => step('Verifying  ', p, i)),
          '',
          'Installed:',
          `  ${installed.map((p) => `${p.name}.${p.arch} ${/^\d+:/.test(p.version) ? '' : '0:'}${p.version}`).join(' ')}`,
          '',
          'Complete!',
        ]
      : [
          'Downloading Packages:',
          ...plan.map((p) => `${`${nevra(p)}.rpm`.padEnd(48)}1.0 MB/s | ${size(p.offered.downloadKiB).padStart(6)}B     00:00    `),
          'Running transaction check',
          'Transaction check succeeded.',
          'Running transaction test',
          'Transaction test succeeded.',
          'Running transaction',
          `  Preparing        :${`1/1 `.padStart(60)}`,
          ...plan.map((p, i) => step('Installing       ', p, i)),
          ...plan.map((p, i) => step('Verifying        ', p, i)),
          '',
          'Installed:',
          `  ${installed.map((p) => `${p.name}-${p.version.replace(/^\d+:/, '')}.${p.arch}`).join(' ')}`,
          '',
          'Complete!',
        ];
  return lines.map((line) => `${line}\n`).join('');
}
