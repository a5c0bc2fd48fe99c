// An errno from an emulated tape or changer device, with the strerror text tools print after "DEV: ".

export type TapeErrno = 'ENOMEDIUM' | 'EINVAL' | 'EIO' | 'ENOMEM' | 'EROFS' | 'EACCES' | 'ENOSPC' | 'EBUSY' | 'ENOENT';

const STRERROR: Readonly<Record<TapeErrno, string>> = {
  ENOMEDIUM: 'No medium found',
  EINVAL: 'Invalid argument',
  EIO: 'Input/output error',
  ENOMEM: 'Cannot allocate memory',
  EROFS: 'Read-only file system',
  EACCES: 'Permission denied',
  ENOSPC: 'No space left on device',
  EBUSY: 'Device or resource busy',
  ENOENT: 'No such file or directory',
};

export class TapeDeviceError extends Error {
  constructor(readonly errno: TapeErrno) {
    super(STRERROR[errno]);
  }

  /** glibc's strerror() text, e.g. "No medium found". */
  get strerror(): string {
    return STRERROR[this.errno];
  }
}
