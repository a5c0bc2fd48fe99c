// Reads a command's input file (or stdin for "-") from the virtual filesystem; device reads give test data.
import { randomBytes } from 'node:crypto';
import { CommandContext } from '../CommandContext';
import { canRead } from '../filePermissions';
import { readWholeFile } from '../fileIo';

/** The bytes of `name`, or the strerror text to print. `limit` bounds reads of endless devices. */
export async function readInput(context: CommandContext, name: string, limit = 1 << 20): Promise<Buffer | string> {
  if (name === '-') return context.stdin;
  const found = context.host.fs.tryResolve(name, context.cwd);
  if (!found) return 'No such file or directory';
  const { node } = found;
  if (node.kind === 'dir') return 'Is a directory';
  if (!canRead(context.user, node)) return 'Permission denied';
  if (node.kind === 'file') return readWholeFile(context.host.fs, node);
  if (node.kind === 'device') {
    if (node.device.kind === 'null') return Buffer.alloc(0);
    if (node.device.kind === 'zero') return Buffer.alloc(limit);
    if (node.device.kind === 'urandom') return randomBytes(limit);
    return 'Invalid argument';
  }
  return 'No such file or directory';
}
