// strerror(3)'s text for the errno names the client's filesystem and commands meet, as glibc prints them.

export const STRERROR = {
  EACCES: 'Permission denied',
  EEXIST: 'File exists',
  EISDIR: 'Is a directory',
  ELOOP: 'Too many levels of symbolic links',
  ENOENT: 'No such file or directory',
  ENOSPC: 'No space left on device',
  ENOTDIR: 'Not a directory',
  ENOTEMPTY: 'Directory not empty',
  EPERM: 'Operation not permitted',
} as const;

export type ErrnoName = keyof typeof STRERROR;

/** The text for an errno name, or undefined for a name this table does not know. */
export function strerror(code: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(STRERROR, code) ? STRERROR[code as ErrnoName] : undefined;
}
