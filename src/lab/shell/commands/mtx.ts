// mtx 1.3.12 on the gateway's changer: inquiry, status, load, unload, transfer, with mtx's exact errors.
import { CommandContext } from '../CommandContext';
import { formatMtxInquiry } from '../../../tape/mtxInquiry';
import { MtxStatus, formatMtxStatus } from '../../../tape/mtxStatus';
import { formatMtxLoading, formatMtxUnloading } from '../../../tape/mtxCommand';
import { driveIdentity } from '../../../tape/scsiIdentity';
import { MediumChanger } from '../../library/MediumChanger';
import { ElementRef, MoveMediumError } from '../../library/VirtualLibrary';
import { openDevice } from './openDevice';

const USAGE = `Usage:
\tmtx --version
\tmtx [ -f <loader-dev> ] noattach <more commands>
\tmtx [ -f <loader-dev> ] inquiry | inventory 
\tmtx [ -f <loader-dev> ] [altres] [nobarcode] status
\tmtx [ -f <loader-dev> ] [altres] first [<drive#>]
\tmtx [ -f <loader-dev> ] [altres] last [<drive#>]
\tmtx [ -f <loader-dev> ] [altres] previous [<drive#>]
\tmtx [ -f <loader-dev> ] [altres] next [<drive#>]
\tmtx [ -f <loader-dev> ] [altres] [invert] load <storage-element-number> [<drive#>]
\tmtx [ -f <loader-dev> ] [altres] [invert] unload [<storage-element-number>][<drive#>]
\tmtx [ -f <loader-dev> ] [altres] [eepos eepos-number] transfer <storage-element-number> <storage-element-number>
\tmtx [ -f <loader-dev> ] [altres] [eepos eepos-number][invert][invert2] exchange <storage-element-number> <storage-element-number>
\tmtx [ -f <loader-dev> ] [altres] position <storage-element-number>
\tmtx [ -f <loader-dev> ] eject
`;

/** mtx reports a fatal error and exits 1. */
class MtxFatal extends Error {}

type Target = { kind: 'changer'; changer: MediumChanger } | { kind: 'drive' };

function requestSense(key: string, asc: string, ascq: string): string {
  return [
    'Long Report=yes', 'Valid Residual=no', 'Error Code=70 (Current)', `Sense Key=${key}`, 'FileMark=no', 'EOM=no', 'ILI=no',
    `Additional Sense Code = ${asc}`, `Additional Sense Qualifier = ${ascq}`, 'BPV=no', 'Error in CDB=no', 'SKSV=no',
  ].map((line) => `mtx: Request Sense: ${line}\n`).join('');
}

export function mtx(context: CommandContext): number {
  const args = context.argv.slice(1);
  if (args.length === 0) return 0;
  let target: Target | undefined;
  let device = '';
  const open = (path: string): Target => {
    device = path;
    const opened = openDevice(context, path);
    if (!opened.ok) throw new MtxFatal(`cannot open SCSI device '${path}' - ${opened.error}`);
    if (opened.device?.kind !== 'sg' || !opened.devices) throw new MtxFatal(`${path} is not an sg device, or old sg driver`);
    return opened.device.drive === undefined ? { kind: 'changer', changer: opened.devices.changer } : { kind: 'drive' };
  };
  const current = (): Target => (target ??= open(context.env.get('CHANGER') ?? context.env.get('TAPE') ?? '/dev/changer'));
  const changer = (): MediumChanger => {
    const t = current();
    if (t.kind !== 'changer') {
      context.stderr.write(requestSense('Illegal Request', '20', '00'));
      throw new MtxFatal('READ ELEMENT STATUS Command Failed');
    }
    return t.changer;
  };
  try {
    for (let i = 0; i < args.length; i += 1) {
      const command = args[i];
      const number = (): number | undefined => (args[i + 1] !== undefined && /^\d/.test(args[i + 1]) ? parseInt(args[++i], 10) : undefined);
      if (command === '-f') target = open(args[++i] ?? '');
      else if (command === '--version') {
        context.stderr.write(`mtx version 1.3.12\n\n${USAGE}`);
        return 1;
      } else if (['noattach', 'altres', 'nobarcode', 'invert', 'invert2'].includes(command)) continue;
      else if (command === 'inquiry') {
        const t = current();
        context.stdout.write(formatMtxInquiry(t.kind === 'changer' ? t.changer.identity() : driveIdentity()));
      } else if (command === 'inventory') changer();
      else if (command === 'status') context.stdout.write(formatMtxStatus(changer().status(device)));
      else if (command === 'load') load(context, changer(), device, number(), number());
      else if (command === 'unload') unload(context, changer(), device, number(), number());
      else if (command === 'transfer') transfer(context, changer(), device, number(), number());
      else {
        context.stderr.write(USAGE);
        return 1;
      }
    }
  } catch (error) {
    if (!(error instanceof MtxFatal)) throw error;
    context.stderr.write(`${error.message}\n`);
    return 1;
  }
  return 0;
}

function slotCount(status: MtxStatus): number {
  return status.slots.length;
}

function move(context: CommandContext, changer: MediumChanger, from: ElementRef, to: ElementRef): void {
  try {
    changer.move(from, to);
  } catch (error) {
    if (!(error instanceof MoveMediumError)) throw error;
    if (error.sense === 'sourceEmpty') throw new MtxFatal(`Source Element Address ${error.sourceAddress} is Empty`);
    if (error.sense === 'destinationFull') throw new MtxFatal(`Destination Element Address ${error.destinationAddress} is Already Full`);
    if (error.sense === 'driveNeedsOffline') throw new MtxFatal('Drive needs offline before move');
    context.stderr.write(error.sense === 'notReady' ? requestSense('Not Ready', '04', '00') : requestSense('Illegal Request', '21', '01'));
    throw new MtxFatal(`MOVE MEDIUM from Element Address ${error.sourceAddress} to ${error.destinationAddress} Failed`);
  }
}

function load(context: CommandContext, changer: MediumChanger, device: string, slot: number | undefined, drive = 0): void {
  const status = changer.status(device);
  if (!slot) throw new MtxFatal('No source specified');
  if (slot > slotCount(status)) throw new MtxFatal(`Invalid <storage-element-number> argument '${slot}' to 'load' command`);
  const element = status.drives[drive];
  if (!element) throw new MtxFatal(`illegal <drive-number> argument '${drive}' to 'load' command`);
  if (element.full) throw new MtxFatal(`Drive ${drive} Full (Storage Element ${element.loadedFrom ?? 0} loaded)`);
  context.stdout.write(formatMtxLoading(slot, drive));
  move(context, changer, { kind: 'slot', index: slot }, { kind: 'drive', index: drive });
  context.stdout.write('done\n');
}

function unload(context: CommandContext, changer: MediumChanger, device: string, slot: number | undefined, drive = 0): void {
  const status = changer.status(device);
  const element = status.drives[drive];
  if (!element) throw new MtxFatal(`illegal <drive-number> argument '${drive}' to 'unload' command`);
  if (!element.full) throw new MtxFatal(`Data Transfer Element ${drive} is Empty`);
  const destination = slot || element.loadedFrom || 0;
  if (destination < 1 || destination > slotCount(status)) throw new MtxFatal(`Invalid <storage-element-number> argument '${destination}' to 'unload' command`);
  if (status.slots[destination - 1].full) throw new MtxFatal(`Storage Element ${destination} is Already Full`);
  context.stdout.write(formatMtxUnloading(drive, destination));
  move(context, changer, { kind: 'drive', index: drive }, { kind: 'slot', index: destination });
  context.stdout.write('done\n');
}

function transfer(context: CommandContext, changer: MediumChanger, device: string, from: number | undefined, to: number | undefined): void {
  const count = slotCount(changer.status(device));
  if (!from) throw new MtxFatal('No source specified');
  if (!to) throw new MtxFatal('No destination specified');
  if (from > count) throw new MtxFatal('Invalid source');
  if (to > count) throw new MtxFatal('Invalid destination');
  move(context, changer, { kind: 'slot', index: from }, { kind: 'slot', index: to });
}
