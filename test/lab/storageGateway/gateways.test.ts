// Gateway lifecycle, local disks, VTL devices and tags through the real SDK client.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  ActivateGatewayCommand, AddCacheCommand, AddTagsToResourceCommand, CreateTapesCommand, DeleteGatewayCommand, DescribeCacheCommand, DescribeGatewayInformationCommand,
  DescribeTapeArchivesCommand, DescribeTapeRecoveryPointsCommand, DescribeTapesCommand, DescribeUploadBufferCommand, DescribeVTLDevicesCommand, DisableGatewayCommand,
  InvalidGatewayRequestException, ListGatewaysCommand, ListLocalDisksCommand, ListTagsForResourceCommand, ListTapesCommand, RemoveTagsFromResourceCommand,
  RetrieveTapeRecoveryPointCommand, ShutdownGatewayCommand, StartGatewayCommand, UpdateGatewayInformationCommand, UpdateVTLDeviceTypeCommand,
} from '@aws-sdk/client-storage-gateway';
import { eventually, fetchActivationKey, readyGateway, startSgLab, type SgLab } from './sgLabFixture';

const GIB = 1024 ** 3;
let sg: SgLab;
let gatewayArn: string;

before(async () => {
  sg = await startSgLab();
  gatewayArn = await readyGateway(sg, 'first');
});
after(() => sg.lab.stop());

async function failure(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof InvalidGatewayRequestException, `expected InvalidGatewayRequestException, got ${String(error)}`);
    return { code: error.error?.errorCode, message: error.message };
  }
  assert.fail('expected a failure');
}

test('DescribeGatewayInformation and ListLocalDisks show the appliance (Nitro NVMe disks, private IP)', async () => {
  const info = await sg.client.send(new DescribeGatewayInformationCommand({ GatewayARN: gatewayArn }));
  assert.equal(info.GatewayState, 'STATE_RUNNING');
  assert.equal(info.GatewayType, 'VTL');
  assert.equal(info.GatewayName, 'first');
  assert.match(info.GatewayId ?? '', /^sgw-[0-9A-F]{8}$/);
  assert.match(info.GatewayNetworkInterfaces?.[0]?.Ipv4Address ?? '', /^10\.\d+\.\d+\.\d+$/);
  const { Disks = [] } = await sg.client.send(new ListLocalDisksCommand({ GatewayARN: gatewayArn }));
  assert.deepEqual(
    Disks.map((d) => [d.DiskId, d.DiskPath, d.DiskNode, d.DiskStatus, d.DiskSizeInBytes, d.DiskAllocationType]),
    [
      ['/dev/nvme1n1', '/dev/nvme1n1', '/dev/sdf', 'present', 150 * GIB, 'CACHE_STORAGE'],
      ['/dev/nvme2n1', '/dev/nvme2n1', '/dev/sdg', 'present', 150 * GIB, 'UPLOAD_BUFFER'],
    ],
  );
  const cache = await sg.client.send(new DescribeCacheCommand({ GatewayARN: gatewayArn }));
  assert.deepEqual([cache.DiskIds, cache.CacheAllocatedInBytes], [['/dev/nvme1n1'], 150 * GIB]);
  const buffer = await sg.client.send(new DescribeUploadBufferCommand({ GatewayARN: gatewayArn }));
  assert.equal(buffer.UploadBufferAllocatedInBytes, 150 * GIB);
  assert.deepEqual(await failure(sg.client.send(new AddCacheCommand({ GatewayARN: gatewayArn, DiskIds: ['/dev/nvme1n1'] }))), { code: 'DiskAlreadyAllocated', message: 'The specified disk is already allocated.' });
  assert.deepEqual(await failure(sg.client.send(new AddCacheCommand({ GatewayARN: gatewayArn, DiskIds: ['/dev/nvme9n1'] }))), { code: 'DiskDoesNotExist', message: 'The specified disk does not exist.' });
});

test('DescribeVTLDevices: 1 changer + 10 drives with the documented ARNs and IQNs, paged; UpdateVTLDeviceType', async () => {
  const first = await sg.client.send(new DescribeVTLDevicesCommand({ GatewayARN: gatewayArn, Limit: 6 }));
  assert.equal(first.VTLDevices?.length, 6);
  assert.ok(first.Marker);
  const rest = await sg.client.send(new DescribeVTLDevicesCommand({ GatewayARN: gatewayArn, Marker: first.Marker }));
  assert.equal(rest.Marker, undefined);
  const devices = [...(first.VTLDevices ?? []), ...(rest.VTLDevices ?? [])];
  assert.equal(devices.length, 11);
  const id = gatewayArn.slice(-8);
  const changer = devices[0];
  assert.equal(changer?.VTLDeviceARN, `${gatewayArn}/device/AMZN_SGW-${id}_MEDIACHANGER_00001`);
  assert.deepEqual([changer?.VTLDeviceType, changer?.VTLDeviceVendor, changer?.VTLDeviceProductIdentifier], ['Medium Changer', 'AWS', 'Gateway-VTL']);
  assert.equal(changer?.DeviceiSCSIAttributes?.TargetARN, `${gatewayArn}/target/iqn.1997-05.com.amazon:sgw-${id.toLowerCase()}-mediachanger`);
  const drive10 = devices[10];
  assert.equal(drive10?.VTLDeviceARN, `${gatewayArn}/device/AMZN_SGW-${id}_TAPEDRIVE_00010`);
  assert.deepEqual(drive10?.DeviceiSCSIAttributes && { ...drive10.DeviceiSCSIAttributes, TargetARN: undefined }, { TargetARN: undefined, NetworkInterfaceId: devices[0]?.DeviceiSCSIAttributes?.NetworkInterfaceId, NetworkInterfacePort: 3260, ChapEnabled: false });
  assert.equal(drive10?.DeviceiSCSIAttributes?.TargetARN, `${gatewayArn}/target/iqn.1997-05.com.amazon:sgw-${id.toLowerCase()}-tapedrive-10`);
  await sg.client.send(new UpdateVTLDeviceTypeCommand({ VTLDeviceARN: changer?.VTLDeviceARN, DeviceType: 'STK-L700' }));
  const updated = await sg.client.send(new DescribeVTLDevicesCommand({ GatewayARN: gatewayArn, VTLDeviceARNs: [changer?.VTLDeviceARN ?? ''] }));
  assert.deepEqual([updated.VTLDevices?.[0]?.VTLDeviceVendor, updated.VTLDevices?.[0]?.VTLDeviceProductIdentifier], ['STK', 'L700']);
  assert.equal((await failure(sg.client.send(new UpdateVTLDeviceTypeCommand({ VTLDeviceARN: changer?.VTLDeviceARN, DeviceType: 'Medium Changer' })))).code, 'InvalidParameters');
});

test('tags: upsert, list sorted and paged, remove, reject aws: keys; DescribeGatewayInformation shows them', async () => {
  await sg.client.send(new AddTagsToResourceCommand({ ResourceARN: gatewayArn, Tags: [{ Key: 'b', Value: '2' }, { Key: 'a', Value: '' }] }));
  await sg.client.send(new AddTagsToResourceCommand({ ResourceARN: gatewayArn, Tags: [{ Key: 'b', Value: 'two' }] }));
  const page = await sg.client.send(new ListTagsForResourceCommand({ ResourceARN: gatewayArn, Limit: 1 }));
  assert.deepEqual(page.Tags, [{ Key: 'a', Value: '' }]);
  const next = await sg.client.send(new ListTagsForResourceCommand({ ResourceARN: gatewayArn, Marker: page.Marker }));
  assert.deepEqual([next.Tags, next.Marker], [[{ Key: 'b', Value: 'two' }], undefined]);
  assert.equal((await failure(sg.client.send(new AddTagsToResourceCommand({ ResourceARN: gatewayArn, Tags: [{ Key: 'aws:x', Value: '1' }] })))).code, 'InvalidParameters');
  const info = await sg.client.send(new DescribeGatewayInformationCommand({ GatewayARN: gatewayArn }));
  assert.deepEqual(info.Tags?.map((t) => t.Key), ['a', 'b']);
  await sg.client.send(new RemoveTagsFromResourceCommand({ ResourceARN: gatewayArn, TagKeys: ['a'] }));
  assert.deepEqual((await sg.client.send(new ListTagsForResourceCommand({ ResourceARN: gatewayArn }))).Tags, [{ Key: 'b', Value: 'two' }]);
});

test('a shut-down gateway answers "The specified gateway is not connected." except Describe/List/Start', async () => {
  const arn = await readyGateway(sg, 'sleepy');
  await sg.client.send(new UpdateGatewayInformationCommand({ GatewayARN: arn, GatewayName: 'renamed', GatewayTimezone: 'GMT+2:00' }));
  await sg.client.send(new ShutdownGatewayCommand({ GatewayARN: arn }));
  const info = await sg.client.send(new DescribeGatewayInformationCommand({ GatewayARN: arn }));
  assert.deepEqual([info.GatewayState, info.GatewayName, info.GatewayTimezone, info.GatewayARN], ['STATE_SHUTDOWN', 'renamed', 'GMT+2:00', arn]);
  for (const call of [
    sg.client.send(new ListLocalDisksCommand({ GatewayARN: arn })),
    sg.client.send(new DescribeTapesCommand({ GatewayARN: arn })),
    sg.client.send(new CreateTapesCommand({ GatewayARN: arn, TapeSizeInBytes: 100 * GIB, ClientToken: 'sleepy-1', NumTapesToCreate: 1, TapeBarcodePrefix: 'SL' })),
  ]) {
    assert.deepEqual(await failure(call), { code: 'GatewayNotConnected', message: 'The specified gateway is not connected.' });
  }
  const { Gateways = [] } = await sg.client.send(new ListGatewaysCommand({}));
  assert.ok(Gateways.some((g) => g.GatewayARN === arn));
  await sg.client.send(new StartGatewayCommand({ GatewayARN: arn }));
  assert.ok((await sg.client.send(new ListLocalDisksCommand({ GatewayARN: arn }))).Disks);
});

test('unknown but well-formed gateway ARNs give GatewayNotFound', async () => {
  const unknown = gatewayArn.replace(/sgw-[0-9A-F]{8}$/, 'sgw-00000000');
  assert.deepEqual(await failure(sg.client.send(new DescribeGatewayInformationCommand({ GatewayARN: unknown }))), { code: 'GatewayNotFound', message: 'The specified gateway was not found.' });
});

test('DisableGateway exposes recovery points; RetrieveTapeRecoveryPoint brings a read-only RECOVERED tape to another gateway', async () => {
  const broken = await readyGateway(sg, 'broken');
  const target = await readyGateway(sg, 'rescue');
  const { TapeARNs = [] } = await sg.client.send(new CreateTapesCommand({ GatewayARN: broken, TapeSizeInBytes: 100 * GIB, ClientToken: 'broken-1', NumTapesToCreate: 1, TapeBarcodePrefix: 'RCV' }));
  const tapeArn = TapeARNs[0] ?? '';
  await eventually(async () => ((await sg.client.send(new ListTapesCommand({ TapeARNs: [tapeArn] }))).TapeInfos?.[0]?.TapeStatus === 'AVAILABLE' ? true : undefined));
  await sg.client.send(new DisableGatewayCommand({ GatewayARN: broken }));
  const listed = await sg.client.send(new ListGatewaysCommand({}));
  assert.equal(listed.Gateways?.find((g) => g.GatewayARN === broken)?.GatewayOperationalState, 'DISABLED');
  const points = await sg.client.send(new DescribeTapeRecoveryPointsCommand({ GatewayARN: broken }));
  assert.equal(points.TapeRecoveryPointInfos?.[0]?.TapeARN, tapeArn);
  assert.equal(typeof points.TapeRecoveryPointInfos?.[0]?.TapeRecoveryPointTime?.getTime(), 'number');
  await sg.client.send(new RetrieveTapeRecoveryPointCommand({ GatewayARN: target, TapeARN: tapeArn }));
  const recovered = await sg.client.send(new DescribeTapesCommand({ GatewayARN: target, TapeARNs: [tapeArn] }));
  assert.equal(recovered.Tapes?.[0]?.TapeStatus, 'RECOVERED');
  assert.equal(sg.lab.admin.listGatewayAppliances().length >= 3, true);
});

test('DeleteGateway removes the gateway and its library tapes; archived tapes persist; the appliance can be activated again', async () => {
  const arn = await readyGateway(sg, 'doomed');
  const { TapeARNs = [] } = await sg.client.send(new CreateTapesCommand({ GatewayARN: arn, TapeSizeInBytes: 100 * GIB, ClientToken: 'doomed-1', NumTapesToCreate: 2, TapeBarcodePrefix: 'DOOM' }));
  const [keep = '', lose = ''] = TapeARNs;
  await eventually(async () => ((await sg.client.send(new ListTapesCommand({ TapeARNs: [keep] }))).TapeInfos?.[0]?.TapeStatus === 'AVAILABLE' ? true : undefined));
  sg.lab.admin.ejectTape(keep.split('/')[1] ?? '');
  await eventually(async () => ((await sg.client.send(new DescribeTapeArchivesCommand({ TapeARNs: [keep] }))).TapeArchives?.[0]?.TapeStatus === 'ARCHIVED' ? true : undefined));
  const appliance = sg.lab.admin.listGatewayAppliances().find((a) => a.gatewayArn === arn);
  await sg.client.send(new DeleteGatewayCommand({ GatewayARN: arn }));
  assert.equal((await failure(sg.client.send(new DescribeGatewayInformationCommand({ GatewayARN: arn })))).code, 'GatewayNotFound');
  const tapes = await sg.client.send(new ListTapesCommand({ TapeARNs: [keep, lose] }));
  assert.deepEqual(tapes.TapeInfos?.map((t) => [t.TapeARN, t.TapeStatus, t.GatewayARN]), [[keep, 'ARCHIVED', undefined]]);
  const reopened = sg.lab.admin.listGatewayAppliances().find((a) => a.instanceId === appliance?.instanceId);
  const key = await fetchActivationKey(reopened?.activationUrl ?? '');
  const again = await sg.client.send(new ActivateGatewayCommand({ ActivationKey: key, GatewayName: 'reborn', GatewayTimezone: 'GMT', GatewayRegion: 'us-east-1', GatewayType: 'VTL' }));
  assert.notEqual(again.GatewayARN, arn);
});

test('VTL operations on a non-VTL gateway answer "This operation is not valid for the specified gateway."', async () => {
  const appliance = await sg.lab.admin.createGatewayAppliance();
  const key = await fetchActivationKey(appliance.activationUrl ?? '');
  const { GatewayARN = '' } = await sg.client.send(new ActivateGatewayCommand({ ActivationKey: key, GatewayName: 'cached', GatewayTimezone: 'GMT', GatewayRegion: 'us-east-1' }));
  assert.equal((await sg.client.send(new DescribeGatewayInformationCommand({ GatewayARN }))).GatewayType, 'CACHED');
  assert.deepEqual(await failure(sg.client.send(new DescribeVTLDevicesCommand({ GatewayARN }))), { code: 'NotSupported', message: 'This operation is not valid for the specified gateway.' });
  assert.equal(sg.lab.libraries.byGatewayArn(GatewayARN), undefined);
});
