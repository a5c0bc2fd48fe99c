// df and lsblk: the instance's root EBS volume (NVMe on Nitro) and what its files use; tape drives are character devices, not in lsblk.
import { CommandContext } from '../CommandContext';

/** The default root volume of an Amazon Linux AMI: 8 GiB. */
export const ROOT_VOLUME_BYTES = 8 * 1024 ** 3;
/** What a fresh Amazon Linux image already uses on it. */
export const IMAGE_BYTES = 1_650_000 * 1024;

function human(bytes: number): string {
  if (bytes === 0) return '0';
  const units = ['K', 'M', 'G', 'T'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return value < 10 ? `${(Math.ceil(value * 10) / 10).toFixed(1)}${units[unit]}` : `${Math.ceil(value)}${units[unit]}`;
}

export function df(context: CommandContext): number {
  const humanReadable = context.argv.slice(1).some((arg) => /^-[a-zA-Z]*h/.test(arg));
  const used = IMAGE_BYTES + context.host.fs.usedBytes();
  const volume = Number.isFinite(context.host.fs.capacityBytes) ? context.host.fs.capacityBytes + IMAGE_BYTES : ROOT_VOLUME_BYTES;
  const rows: [string, number, number, string][] = [
    ['devtmpfs', 4 * 1024 ** 3 - 16 * 1024 ** 2, 0, '/dev'],
    ['tmpfs', 4 * 1024 ** 3 - 16 * 1024 ** 2, 0, '/dev/shm'],
    ['/dev/nvme0n1p1', volume, used, '/'],
  ];
  const cells = rows.map(([name, size, usedHere, mount]) => {
    const avail = Math.max(0, size - usedHere);
    const percent = size === 0 ? '-' : `${Math.min(100, Math.ceil((100 * usedHere) / size))}%`;
    const fmt = (bytes: number) => (humanReadable ? human(bytes) : String(Math.ceil(bytes / 1024)));
    return [name, fmt(size), fmt(usedHere), fmt(avail), percent, mount];
  });
  const header = ['Filesystem', humanReadable ? 'Size' : '1K-blocks', 'Used', humanReadable ? 'Avail' : 'Available', 'Use%', 'Mounted on'];
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((row) => row[i].length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : i === 5 ? cell : cell.padStart(widths[i]))).join(' ');
  context.stdout.write(`${[header, ...cells].map(line).join('\n')}\n`);
  return 0;
}

export function lsblk(context: CommandContext): number {
  void context.argv;
  context.stdout.write(
    [
      'NAME          MAJ:MIN RM SIZE RO TYPE MOUNTPOINT',
      'nvme0n1       259:0    0   8G  0 disk ',
      '├─nvme0n1p1   259:1    0   8G  0 part /',
      '└─nvme0n1p128 259:2    0   1M  0 part ',
    ].join('\n') + '\n',
  );
  return 0;
}
