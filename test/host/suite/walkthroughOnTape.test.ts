// Host test: the walkthrough's terminal steps done by hand in a session terminal on the lab (iSCSI login, mtx load, tar to tape and back) complete its milestones.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ActivateGatewayCommand, AddCacheCommand, AddUploadBufferCommand, CreateTapeWithBarcodeCommand, DescribeTapesCommand, ListLocalDisksCommand, StorageGatewayClient } from '@aws-sdk/client-storage-gateway';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import type { OpenedSessionTerminal } from '../../../src/extension/shell/SessionTerminals';
import { eventuallyMatches as eventually, extensionApi, joinHostLab, type HostLab } from './hostLab';

describe('Walkthrough in the session terminal', function () {
  this.timeout(90_000);
  let env: HostLab;
  let sg: StorageGatewayClient;
  before(async () => {
    // Amazon Linux 2 has mt-st and mtx in its repositories; AL2023's core repositories lack them.
    env = await joinHostLab({ ClientOperatingSystem: 'AL2' });
    sg = new StorageGatewayClient({ endpoint: env.lab.endpoint, region: env.lab.region, credentials: { accessKeyId: env.lab.accessKeyId, secretAccessKey: env.lab.secretAccessKey } });
  });
  after(async () => {
    sg.destroy();
    await env.stop();
  });

  it('writes a file to a tape and reads it back, and each terminal step completes its milestone', async () => {
    const cloudFormation = new CloudFormationClient({ endpoint: env.lab.endpoint, region: env.lab.region, credentials: { accessKeyId: env.lab.accessKeyId, secretAccessKey: env.lab.secretAccessKey } });
    const outputs = Object.fromEntries(((await cloudFormation.send(new DescribeStacksCommand({ StackName: 'tapegw-host-test' }))).Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue ?? '']));
    cloudFormation.destroy();
    const key = (await env.lab.network.httpGet(outputs.ActivationUrl ?? ''))?.body.trim() ?? '';
    const gatewayArn = (await sg.send(new ActivateGatewayCommand({ ActivationKey: key, GatewayName: 'walkthrough', GatewayTimezone: 'GMT', GatewayRegion: env.lab.region, GatewayType: 'VTL', MediumChangerType: 'AWS-Gateway-VTL', TapeDriveType: 'IBM-ULT3580-TD5' }))).GatewayARN ?? '';
    const disks = (await sg.send(new ListLocalDisksCommand({ GatewayARN: gatewayArn }))).Disks ?? [];
    await sg.send(new AddCacheCommand({ GatewayARN: gatewayArn, DiskIds: [disks[0]?.DiskId ?? ''] }));
    await sg.send(new AddUploadBufferCommand({ GatewayARN: gatewayArn, DiskIds: [disks[1]?.DiskId ?? ''] }));
    const tapeArn = (await sg.send(new CreateTapeWithBarcodeCommand({ GatewayARN: gatewayArn, TapeSizeInBytes: 100 * 1024 ** 3, TapeBarcode: 'WALK0001' }))).TapeARN ?? '';
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const status = (await sg.send(new DescribeTapesCommand({ GatewayARN: gatewayArn, TapeARNs: [tapeArn] }))).Tapes?.[0]?.TapeStatus;
      if (status === 'AVAILABLE') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    const opened = await vscode.commands.executeCommand<OpenedSessionTerminal | undefined>('tapeGateway.openSessionTerminal', env.clientId);
    assert.ok(opened && opened.client === 'native');
    const session = opened.session;
    await eventually(() => session.transcript(), /\$ $/);
    /** Types a line and returns what it printed, once the prompt is back. */
    const type = async (line: string): Promise<string> => {
      const from = session.transcript().length;
      opened.terminal.sendText(line, true);
      const after = await eventually(() => session.transcript().slice(from), /\r\n(?:.*\r\n)*?(?:sh-\d\.\d|\[[^\]]+\])[$#] $/, 20_000);
      return after;
    };
    const ip = outputs.GatewayPrivateIp ?? '';
    const iqn = `iqn.1997-05.com.amazon:${gatewayArn.split('/').pop()?.toLowerCase()}`;
    await type('sudo systemctl start iscsid');
    assert.match(await type(`sudo /sbin/iscsiadm --mode discovery --type sendtargets --portal ${ip}:3260`), /-mediachanger/);
    assert.match(await type(`sudo /sbin/iscsiadm --mode node --targetname ${iqn}-mediachanger --portal ${ip}:3260,1 --login`), /successful\./);
    await type(`sudo /sbin/iscsiadm --mode node --targetname ${iqn}-tapedrive-01 --portal ${ip}:3260,1 --login`);
    assert.match(await type(`sudo mtx -f /dev/tape/by-path/ip-${ip}:3260-iscsi-${iqn}-mediachanger-lun-0-changer load 1601 0`), /Loading media from Storage Element 1601 into drive 0\.\.\.done/);
    assert.match(await type('sudo mt -f /dev/st0 status'), /Tape block size 65536 bytes/);
    await type("echo 'hogehoge' > /home/ssm-user/test.txt");
    await type('sudo tar -cv --record-size=65536 -f /dev/st0 /home/ssm-user/test.txt');
    await type('cd /tmp');
    assert.match(await type('sudo tar xvf /dev/nst0'), /home\/ssm-user\/test\.txt/);
    assert.match(await type('cat /tmp/home/ssm-user/test.txt'), /\r\nhogehoge\r\n/);
    const milestones = (await extensionApi()).walkthroughMilestones();
    for (const milestone of ['libraryConnected', 'tapeLoaded', 'fileWritten', 'fileReadBack']) assert.ok(milestones.includes(milestone), `${milestone} in ${milestones.join(', ')}`);
    opened.terminal.dispose();
  });
});
