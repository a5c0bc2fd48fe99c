// Every command the emulated client knows: where its executable lives and which package installs it.
import { ShellCommand } from './CommandContext';
import { cat } from './commands/cat';
import { cd } from './commands/cd';
import { curl } from './commands/curl';
import { dd } from './commands/dd';
import { echo } from './commands/echo';
import { exit } from './commands/exit';
import { exportCommand } from './commands/export';
import { grep } from './commands/grep';
import { head } from './commands/head';
import { iscsiadm } from './commands/iscsiadm';
import { ls } from './commands/ls';
import { mkdir } from './commands/mkdir';
import { mt } from './commands/mt';
import { mtx } from './commands/mtx';
import { pwd } from './commands/pwd';
import { rm } from './commands/rm';
import { sha256sum } from './commands/sha256sum';
import { su } from './commands/su';
import { systemctl } from './commands/systemctl';
import { tar } from './commands/tar';
import { falseCommand, trueCommand } from './commands/trueFalse';
import { yum } from './commands/yum';

export interface CommandSpec {
  readonly run: ShellCommand;
  /** Executable path on Amazon Linux (builtins also have one, as /usr/bin/echo does). */
  readonly path: string;
  /** sh builtins run without a PATH lookup. */
  readonly builtin?: boolean;
  /** The package that installs it; absent = part of the base image. */
  readonly package?: string;
  /** Only on this OS (yum on AL2, dnf on AL2023). */
  readonly os?: 'al2' | 'al2023';
}

export const COMMANDS: ReadonlyMap<string, CommandSpec> = new Map<string, CommandSpec>([
  ['cd', { run: cd, path: '/usr/bin/cd', builtin: true }],
  ['echo', { run: echo, path: '/usr/bin/echo', builtin: true }],
  ['pwd', { run: pwd, path: '/usr/bin/pwd', builtin: true }],
  ['exit', { run: exit, path: '', builtin: true }],
  ['export', { run: exportCommand, path: '', builtin: true }],
  ['true', { run: trueCommand, path: '/usr/bin/true', builtin: true }],
  ['false', { run: falseCommand, path: '/usr/bin/false', builtin: true }],
  ['cat', { run: cat, path: '/usr/bin/cat' }],
  ['ls', { run: ls, path: '/usr/bin/ls' }],
  ['rm', { run: rm, path: '/usr/bin/rm' }],
  ['mkdir', { run: mkdir, path: '/usr/bin/mkdir' }],
  ['head', { run: head, path: '/usr/bin/head' }],
  ['sha256sum', { run: sha256sum, path: '/usr/bin/sha256sum' }],
  ['dd', { run: dd, path: '/usr/bin/dd' }],
  ['grep', { run: grep, path: '/usr/bin/grep' }],
  ['systemctl', { run: systemctl, path: '/usr/bin/systemctl' }],
  ['su', { run: su, path: '/usr/bin/su' }],
  ['curl', { run: curl, path: '/usr/bin/curl' }],
  ['tar', { run: tar, path: '/usr/bin/tar' }],
  ['yum', { run: yum, path: '/usr/bin/yum', os: 'al2' }],
  ['dnf', { run: yum, path: '/usr/bin/dnf', os: 'al2023' }],
  ['iscsiadm', { run: iscsiadm, path: '/usr/sbin/iscsiadm', package: 'iscsi-initiator-utils' }],
  ['mtx', { run: mtx, path: '/usr/sbin/mtx', package: 'mtx' }],
  ['mt', { run: mt, path: '/usr/bin/mt', package: 'mt-st' }],
]);
