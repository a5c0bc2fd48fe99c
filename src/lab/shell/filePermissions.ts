// Unix permission checks for the two users of the emulated client (root passes every check, as on Linux).
import { ShellUser } from './CommandContext';
import { FsNode } from './VirtualFileSystem';

/** May `user` write into this node (a file to overwrite, or a directory to create in)? */
export function canWrite(user: ShellUser, node: FsNode): boolean {
  if (user === 'root') return true;
  return node.meta.owner === user ? (node.meta.mode & 0o200) !== 0 : (node.meta.mode & 0o002) !== 0;
}

export function canRead(user: ShellUser, node: FsNode): boolean {
  if (user === 'root') return true;
  return node.meta.owner === user ? (node.meta.mode & 0o400) !== 0 : (node.meta.mode & 0o004) !== 0;
}

/** May `user` pass through this directory (search permission)? */
export function canSearch(user: ShellUser, node: FsNode): boolean {
  if (user === 'root') return true;
  return node.meta.owner === user ? (node.meta.mode & 0o100) !== 0 : (node.meta.mode & 0o001) !== 0;
}
