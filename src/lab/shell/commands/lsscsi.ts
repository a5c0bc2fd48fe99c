// lsscsi and dmesg: the SCSI devices an iSCSI login attached (the gateway's changer and tape drives), as the kernel reports them.
import { changerIdentity, driveIdentity, padInquiryField } from '../../../tape/scsiIdentity';
import { CommandContext } from '../CommandContext';
import { IscsiSession } from '../IscsiInitiator';

interface AttachedDevice {
  /** SCSI address H:C:T:L; each iSCSI session is its own SCSI host, numbered from 2 as on EC2 (0 and 1 are ata). */
  readonly address: string;
  readonly kind: 'mediumx' | 'tape';
  readonly vendor: string;
  readonly product: string;
  readonly revision: string;
  readonly sg: string;
  readonly st?: string;
}

export function attachedDevices(context: CommandContext): AttachedDevice[] {
  return context.host.iscsi.sessions().map((session: IscsiSession) => {
    const sg = session.nodes.find((node) => node.startsWith('/dev/sg')) ?? '-';
    const st = session.nodes.find((node) => /^\/dev\/st\d+$/.test(node));
    const library = context.host.libraries.byGatewayArn(session.entry.gatewayArn);
    const identity = st ? driveIdentity() : changerIdentity(library?.mediumChangerType ?? '');
    return { address: `${session.sid + 1}:0:0:0`, kind: st ? 'tape' : 'mediumx', vendor: identity.vendor, product: identity.product, revision: identity.revision, sg, ...(st ? { st } : {}) };
  });
}

/** lsscsi [-g]: `[H:C:T:L] type vendor(8) model(16) rev(4)  device [sg]`. */
export function lsscsi(context: CommandContext): number {
  const generic = context.argv.slice(1).some((arg) => arg === '-g' || arg === '--generic');
  for (const device of attachedDevices(context)) {
    // lsscsi's printf: "%-13s" address, "%-8s" type, then vendor, model and revision at their INQUIRY widths.
    const columns = `${`[${device.address}]`.padEnd(13)}${device.kind.padEnd(8)}${padInquiryField(device.vendor, 8)} ${padInquiryField(device.product, 16)} ${device.revision.padEnd(4)}`;
    const primary = device.st ?? '-';
    context.stdout.write(`${columns}  ${generic ? `${primary.padEnd(9)} ${device.sg}` : primary}\n`);
  }
  return 0;
}

/** dmesg: the attach lines of the scsi, sg and st drivers for each device, with seconds since boot. */
export function dmesg(context: CommandContext): number {
  let seconds = 5;
  for (const device of attachedDevices(context)) {
    const stamp = () => `[${(seconds += 0.000113).toFixed(6).padStart(12)}]`;
    const type = device.kind === 'tape' ? 'Sequential-Access' : 'Medium Changer   ';
    context.stdout.write(`${stamp()} scsi ${device.address}: ${type} ${padInquiryField(device.vendor, 8)} ${padInquiryField(device.product, 16)} ${device.revision} PQ: 0 ANSI: 5\n`);
    if (device.st) {
      const name = device.st.slice('/dev/'.length);
      context.stdout.write(`${stamp()} st ${device.address}: Attached scsi tape ${name}\n`);
      context.stdout.write(`${stamp()} st ${device.address}: ${name}: try direct i/o: yes (alignment 512 B)\n`);
    }
    context.stdout.write(`${stamp()} scsi ${device.address}: Attached scsi generic ${device.sg.slice('/dev/'.length)} type ${device.kind === 'tape' ? 1 : 8}\n`);
  }
  return 0;
}
