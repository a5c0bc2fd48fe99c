// Durability: stop the lab, start it on the same --state-dir, and every gateway, disk, tape, archive, pool, tag and appliance is there.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  ActivateGatewayCommand, CreateTapePoolCommand, CreateTapesCommand, CreateTapeWithBarcodeCommand, DeleteTapeCommand, DescribeTapeArchivesCommand, DescribeCacheCommand,
  InvalidGatewayRequestException, ListGatewaysCommand, ListTagsForResourceCommand, ListTapePoolsCommand, ListTapesCommand,
} from '@aws-sdk/client-storage-gateway';
import type { TapeRecord } from '../../../src/lab/services/storageGateway/model';
import { replayJournal } from '../../../src/lab/state/journalFormat';
import { fetchActivationKey, readyGateway, startSgLab, tempStateDir } from './sgLabFixture';
import { eventually } from '../../eventually';

const GIB = 1024 ** 3;

test('a restart on the same state folder keeps everything, and timed steps finish after the reload', async () => {
  let clock = Date.now();
  const stateDir = await tempStateDir();
  const first = await startSgLab({ stateDir, timeScale: 1, now: () => new Date(clock) });
  const gatewayArn = await readyGateway(first, 'durable');
  const { PoolARN = '' } = await first.client.send(new CreateTapePoolCommand({ PoolName: 'kept', StorageClass: 'GLACIER', Tags: [{ Key: 'team', Value: 'backup' }] }));
  const { TapeARNs = [] } = await first.client.send(
    new CreateTapesCommand({ GatewayARN: gatewayArn, TapeSizeInBytes: 100 * GIB, ClientToken: 'durable-1', NumTapesToCreate: 3, TapeBarcodePrefix: 'DUR', Tags: [{ Key: 'k', Value: 'v' }] }),
  );
  const [creating = '', toArchive = '', toDelete = ''] = TapeARNs;
  clock += 2000;
  first.lab.admin.ejectTape(toArchive.split('/')[1] ?? '');
  await first.client.send(new DeleteTapeCommand({ GatewayARN: gatewayArn, TapeARN: toDelete }));
  const waiting = await first.lab.admin.createGatewayAppliance();
  const keyBeforeRestart = await fetchActivationKey(waiting.activationUrl ?? '');
  const libraryBefore = first.lab.libraries.byGatewayArn(gatewayArn)?.elements().filter((e) => e.barcode);
  await first.lab.stop();

  clock += 60_000;
  const second = await startSgLab({ stateDir, timeScale: 1, now: () => new Date(clock) });
  try {
    const { Gateways = [] } = await second.client.send(new ListGatewaysCommand({}));
    assert.deepEqual(Gateways.map((g) => [g.GatewayARN, g.GatewayName]), [[gatewayArn, 'durable']]);
    assert.equal((await second.client.send(new DescribeCacheCommand({ GatewayARN: gatewayArn }))).CacheAllocatedInBytes, 150 * GIB);
    const tapes = await second.client.send(new ListTapesCommand({}));
    assert.deepEqual(tapes.TapeInfos?.map((t) => [t.TapeARN, t.TapeStatus]), [[creating, 'AVAILABLE'], [toArchive, 'ARCHIVED']].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
    assert.equal((await second.client.send(new DescribeTapeArchivesCommand({}))).TapeArchives?.[0]?.TapeARN, toArchive);
    assert.deepEqual((await second.client.send(new ListTagsForResourceCommand({ ResourceARN: creating }))).Tags, [{ Key: 'k', Value: 'v' }]);
    assert.deepEqual((await second.client.send(new ListTagsForResourceCommand({ ResourceARN: PoolARN }))).Tags, [{ Key: 'team', Value: 'backup' }]);
    assert.equal((await second.client.send(new ListTapePoolsCommand({}))).PoolInfos?.[0]?.PoolARN, PoolARN);
    const libraryAfter = second.lab.libraries.byGatewayArn(gatewayArn)?.elements().filter((e) => e.barcode);
    assert.deepEqual(libraryAfter, libraryBefore?.filter((e) => e.barcode === creating.split('/')[1]));
    await assert.rejects(
      second.client.send(new CreateTapeWithBarcodeCommand({ GatewayARN: gatewayArn, TapeSizeInBytes: 100 * GIB, TapeBarcode: toDelete.split('/')[1] ?? '' })),
      (error: unknown) => error instanceof InvalidGatewayRequestException && /never be reused/.test(error.message),
    );
    const reopened = second.lab.admin.listGatewayAppliances().find((a) => a.instanceId === waiting.instanceId);
    assert.ok(reopened?.activationUrl);
    const { GatewayARN } = await second.client.send(new ActivateGatewayCommand({ ActivationKey: keyBeforeRestart, GatewayName: 'later', GatewayTimezone: 'GMT', GatewayRegion: 'us-east-1', GatewayType: 'VTL' }));
    assert.ok(GatewayARN);
    const saved = replayJournal(await readFile(join(stateDir, 'storagegateway', '123456789012_us-east-1.journal'), 'utf8'));
    assert.equal(saved.get('gateways')?.size, 2, 'acknowledged writes are on disk');
  } finally {
    await second.lab.stop();
  }
});

test('a step due while the lab was stopped completes on reload even if nobody asks (the timer saves it)', async () => {
  const stateDir = await tempStateDir();
  // CREATING lasts 500 ms here: long enough to stop the lab before it ends, short enough to wait for after the reload.
  const first = await startSgLab({ stateDir, timeScale: 0.25 });
  const gatewayArn = await readyGateway(first, 'timer');
  await first.client.send(new CreateTapesCommand({ GatewayARN: gatewayArn, TapeSizeInBytes: 100 * GIB, ClientToken: 'timer-1', NumTapesToCreate: 1, TapeBarcodePrefix: 'TMR' }));
  await first.lab.stop();
  const file = join(stateDir, 'storagegateway', '123456789012_us-east-1.journal');
  const statusOnDisk = async () => {
    const tapes = [...(replayJournal(await readFile(file, 'utf8')).get('tapes')?.values() ?? [])] as TapeRecord[];
    return tapes.map((tape) => tape.vtl?.status).join();
  };
  assert.equal(await statusOnDisk(), 'CREATING');
  const second = await startSgLab({ stateDir, timeScale: 0.25 });
  try {
    const settled = await eventually('CREATING to finish on disk after the reload', async () => {
      const status = await statusOnDisk();
      return status === 'CREATING' ? undefined : status;
    }, 5000, 20);
    assert.equal(settled, 'AVAILABLE');
  } finally {
    await second.lab.stop();
  }
});
