// mt-st 1.7 on the emulated st driver: status, rewind, fsf, bsf, eod, tell, setblk, offline, weof.
import { CommandContext } from '../CommandContext';
import { formatMtStatus } from '../../../tape/mtStatus';
import { formatMtTell } from '../../../tape/mtCommand';
import { TapeDeviceError } from '../../library/TapeDeviceError';
import { TapeDrive } from '../../library/TapeDrive';
import { openDevice } from './openDevice';

const COMMANDS = [
  'weof', 'wset', 'eof', 'fsf', 'fsfm', 'bsf', 'bsfm', 'fsr', 'bsr', 'fss', 'bss', 'rewind', 'offline', 'rewoffl', 'eject', 'retension', 'eod', 'seod', 'seek',
  'tell', 'status', 'erase', 'setblk', 'lock', 'unlock', 'load', 'compression', 'setdensity', 'drvbuffer', 'stwrthreshold', 'stoptions', 'stsetoptions',
  'stclearoptions', 'defblksize', 'defdensity', 'defdrvbuffer', 'defcompression', 'stsetcln', 'sttimeout', 'stlongtimeout', 'densities', 'setpartition',
  'mkpartition', 'partseek', 'asf', 'stshowoptions',
];

const USAGE_HEAD = 'usage: mt [-v] [--version] [-h] [ -f device ] command [ count ]\ndefault tape device: /dev/tape\n';
const USAGE = `${USAGE_HEAD}commands: weof, wset, eof, fsf, fsfm, bsf, bsfm, fsr, bsr, fss, bss, rewind, 
          offline, rewoffl, eject, retension, eod, seod, seek, tell, status, 
          erase, setblk, lock, unlock, load, compression, setdensity, 
          drvbuffer, stwrthreshold, stoptions, stsetoptions, stclearoptions, 
          defblksize, defdensity, defdrvbuffer, defcompression, stsetcln, 
          sttimeout, stlongtimeout, densities, setpartition, mkpartition, 
          partseek, asf, stshowoptions.
`;

/** Commands that open without O_NONBLOCK (ET_ONLINE), so with no tape the open fails. */
const NEEDS_TAPE = new Set(['fsf', 'bsf', 'rewind', 'offline', 'rewoffl', 'eject', 'eod', 'seod', 'tell', 'weof', 'eof']);
const TAKES_COUNT = new Set(['fsf', 'bsf', 'setblk', 'weof', 'eof']);

type Operation = (drive: TapeDrive, count: number, context: CommandContext) => void;

const OPERATIONS: Readonly<Record<string, Operation>> = {
  status: (drive, _count, context) => context.stdout.write(formatMtStatus(drive.status())),
  rewind: (drive) => drive.rewind(),
  fsf: (drive, count) => drive.forwardFiles(count),
  bsf: (drive, count) => drive.backFiles(count),
  eod: (drive) => drive.toEndOfData(),
  seod: (drive) => drive.toEndOfData(),
  tell: (drive, _count, context) => context.stdout.write(formatMtTell(drive.tell())),
  setblk: (drive, count) => drive.setBlockSize(count),
  offline: (drive) => drive.takeOffline(),
  rewoffl: (drive) => drive.takeOffline(),
  eject: (drive) => drive.takeOffline(),
  weof: (drive, count) => drive.writeFilemarks(count),
  eof: (drive, count) => drive.writeFilemarks(count),
};

function parseCount(text: string): number | 'negative' | 'unit' {
  const match = /^(-?\d+)([kMG]?)$/.exec(text);
  if (!match) return /^-/.test(text) ? 'negative' : 'unit';
  const value = Number(match[1]) * ({ '': 1, k: 1024, M: 1024 ** 2, G: 1024 ** 3 } as Record<string, number>)[match[2]];
  return value < 0 ? 'negative' : value;
}

export function mt(context: CommandContext): number {
  const args = context.argv.slice(1);
  let device = context.env.get('TAPE') ?? '/dev/tape';
  while (args[0] === '-f' || args[0] === '-t' || args[0] === '-v') {
    const flag = args.shift();
    if (flag !== '-v') device = args.shift() ?? device;
  }
  if (args[0] === '--version') {
    context.stdout.write('mt-st v. 1.7\n');
    return 0;
  }
  const typed = args.shift();
  if (typed === undefined) {
    context.stderr.write(USAGE_HEAD);
    return 1;
  }
  const candidates = COMMANDS.includes(typed) ? [typed] : COMMANDS.filter((name) => name.startsWith(typed));
  if (candidates.length !== 1) {
    context.stderr.write(`mt: ${candidates.length === 0 ? 'unknown' : 'ambiguous'} command "${typed}"\n${USAGE}`);
    return 1;
  }
  const command = candidates[0];
  if (args.length > (TAKES_COUNT.has(command) ? 1 : 0)) {
    context.stderr.write(`mt: too many arguments for the command '${command}'.\n`);
    return 1;
  }
  const count = args[0] === undefined ? 1 : parseCount(args[0]);
  if (count === 'negative') {
    context.stderr.write('mt: negative repeat count\n');
    return 1;
  }
  if (count === 'unit') {
    context.stderr.write('mt: illegal count unit.\n');
    return 3;
  }
  const opened = openDevice(context, device);
  if (!opened.ok) {
    context.stderr.write(`${device}: ${opened.error}\n`);
    return 1;
  }
  const operation = OPERATIONS[command];
  if (opened.device?.kind !== 'tape' || !opened.devices || !operation) {
    context.stderr.write(`${device}: ${opened.device?.kind !== 'tape' ? 'Inappropriate ioctl for device' : 'Invalid argument'}\n`);
    return 2;
  }
  const drive = opened.devices.drives[opened.device.drive];
  let handle;
  try {
    handle = drive.open({ rewindOnClose: opened.device.rewindOnClose, write: false, nonBlocking: !NEEDS_TAPE.has(command) });
  } catch (error) {
    if (!(error instanceof TapeDeviceError)) throw error;
    context.stderr.write(`${device}: ${error.strerror}\n`);
    return 1;
  }
  try {
    operation(drive, count, context);
    return 0;
  } catch (error) {
    if (!(error instanceof TapeDeviceError)) throw error;
    context.stderr.write(`${device}: ${error.strerror}\n`);
    const bits = drive.status().bits;
    if (!bits.includes('ONLINE')) context.stderr.write('mt: The device is offline (not powered on, no tape ?).\n');
    // mt-st's test_error checks the bit the wrong way round (mt.c:765), as the real tool does.
    else if ((command === 'weof' || command === 'eof') && !bits.includes('WR_PROT')) context.stderr.write('mt: The tape is write-protected.\n');
    return 2;
  } finally {
    handle.close();
  }
}
