// Tape creation rules, the state machine on a controlled lab clock, the library (slots, drives, eject) and pools.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  AssignTapePoolCommand, CancelArchivalCommand, CancelRetrievalCommand, CreateTapePoolCommand, CreateTapesCommand, CreateTapeWithBarcodeCommand, DeleteTapeArchiveCommand,
  DeleteTapeCommand, DeleteTapePoolCommand, DescribeTapeArchivesCommand, DescribeTapesCommand, InvalidGatewayRequestException, ListTapePoolsCommand, ListTapesCommand,
  RetrieveTapeArchiveCommand, StorageGatewayClient,
} from '@aws-sdk/client-storage-gateway';
import { MoveMediumError, type VirtualLibrary } from '../../../src/lab/library/VirtualLibrary';
import { startSgLab, readyGateway, type SgLab } from './sgLabFixture';

const GIB = 1024 ** 3;
const TIB = 1024 * GIB;
let clock = Date.now();
let sg: SgLab;
let client: StorageGatewayClient;
let gatewayArn: string;
let library: VirtualLibrary;

/** Moves the lab clock (time scale 1): CREATING 2 s, IN TRANSIT 2 s, ARCHIVING 5 s, RETRIEVING 10 s, DELETING 1 s. */
const tick = (ms: number) => {
  clock += ms;
};

before(async () => {
  sg = await startSgLab({ timeScale: 1, now: () => new Date(clock) });
  client = sg.client;
  gatewayArn = await readyGateway(sg, 'tapes');
  const found = sg.lab.libraries.byGatewayArn(gatewayArn);
  assert.ok(found);
  library = found;
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

const barcodeOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);
const statusOf = async (arn: string) => (await client.send(new ListTapesCommand({ TapeARNs: [arn] }))).TapeInfos?.[0]?.TapeStatus;

async function newTapes(count: number, token: string, extra: { PoolId?: string; gateway?: string } = {}): Promise<string[]> {
  const { TapeARNs = [] } = await client.send(
    new CreateTapesCommand({ GatewayARN: extra.gateway ?? gatewayArn, TapeSizeInBytes: 100 * GIB, ClientToken: token, NumTapesToCreate: count, TapeBarcodePrefix: 'TST', PoolId: extra.PoolId }),
  );
  return TapeARNs;
}

test('CreateTapes: prefix + 6 hex barcodes, CREATING then AVAILABLE, in the first free import/export slots; ClientToken is idempotent', async () => {
  const arns = await newTapes(3, 'token-one');
  assert.equal(arns.length, 3);
  for (const arn of arns) assert.match(arn, /^arn:aws:storagegateway:us-east-1:123456789012:tape\/TST[0-9A-F]{6}$/);
  assert.equal(await statusOf(arns[0] ?? ''), 'CREATING');
  const slots = library.elements().filter((e) => e.barcode !== undefined);
  assert.deepEqual(slots.map((e) => [e.kind, e.index]), [['importExport', 1601], ['importExport', 1602], ['importExport', 1603]]);
  assert.deepEqual(slots.map((e) => e.barcode), arns.map(barcodeOf));
  tick(2000);
  assert.equal(await statusOf(arns[2] ?? ''), 'AVAILABLE');
  assert.deepEqual(await newTapes(3, 'token-one'), arns);
  assert.equal((await failure(newTapes(2, 'token-one'))).code, 'InvalidParameters');
  const described = await client.send(new DescribeTapesCommand({ GatewayARN: gatewayArn, TapeARNs: [arns[0] ?? ''] }));
  const tape = described.Tapes?.[0];
  assert.equal(tape?.TapeCreatedDate instanceof Date, true);
  assert.deepEqual([tape?.TapeSizeInBytes, tape?.TapeUsedInBytes, tape?.Worm, tape?.VTLDevice, tape?.PoolId], [100 * GIB, 0, false, undefined, undefined]);
});

test('tape size, barcode and cache rules fail with InvalidParameters and AWS wording first', async () => {
  const tooSmall = await failure(client.send(new CreateTapeWithBarcodeCommand({ GatewayARN: gatewayArn, TapeSizeInBytes: GIB, TapeBarcode: 'SMALL1' })));
  assert.equal(tooSmall.code, 'InvalidParameters');
  assert.match(tooSmall.message, /^The specified request contains invalid parameters\. The tape size must be at least 100 GiB/);
  assert.equal((await failure(client.send(new CreateTapeWithBarcodeCommand({ GatewayARN: gatewayArn, TapeSizeInBytes: 100 * GIB + 1, TapeBarcode: 'ODD01' })))).code, 'InvalidParameters');
  assert.equal((await failure(client.send(new CreateTapeWithBarcodeCommand({ GatewayARN: gatewayArn, TapeSizeInBytes: 16 * TIB, TapeBarcode: 'HUGE01' })))).code, 'InvalidParameters');
  const { TapeARN = '' } = await client.send(new CreateTapeWithBarcodeCommand({ GatewayARN: gatewayArn, TapeSizeInBytes: 15 * TIB, TapeBarcode: 'ONCE01' }));
  assert.equal((await failure(client.send(new CreateTapeWithBarcodeCommand({ GatewayARN: gatewayArn, TapeSizeInBytes: 100 * GIB, TapeBarcode: 'ONCE01' })))).code, 'InvalidParameters');
  tick(2000);
  await client.send(new DeleteTapeCommand({ GatewayARN: gatewayArn, TapeARN }));
  assert.equal(await statusOf(TapeARN), 'DELETING');
  tick(1000);
  assert.equal(await statusOf(TapeARN), undefined);
  const reuse = await failure(client.send(new CreateTapeWithBarcodeCommand({ GatewayARN: gatewayArn, TapeSizeInBytes: 100 * GIB, TapeBarcode: 'ONCE01' })));
  assert.match(reuse.message, /never be reused/);
  const bare = await readyGatewayWithoutCache();
  assert.match((await failure(newTapes(1, 'no-cache-1', { gateway: bare }))).message, /AddCache/);
});

async function readyGatewayWithoutCache(): Promise<string> {
  const appliance = await sg.lab.admin.createGatewayAppliance();
  const key = await (await fetch(`${appliance.activationUrl}?activationRegion=us-east-1&no_redirect`)).text();
  const { ActivateGatewayCommand } = await import('@aws-sdk/client-storage-gateway');
  const { GatewayARN = '' } = await client.send(new ActivateGatewayCommand({ ActivationKey: key, GatewayName: 'bare', GatewayTimezone: 'GMT', GatewayRegion: 'us-east-1', GatewayType: 'VTL' }));
  return GatewayARN;
}

test('the library: drives and slots move tapes; DescribeTapes shows the drive; MOVE MEDIUM refusals carry sense and addresses', async () => {
  const [arn = ''] = await newTapes(1, 'library-1');
  const barcode = barcodeOf(arn);
  const slot = library.elements().find((e) => e.barcode === barcode);
  assert.ok(slot);
  assert.throws(() => library.moveMedium({ kind: 'slot', index: slot.index }, { kind: 'drive', index: 0 }), (e: unknown) => e instanceof MoveMediumError && e.sense === 'notReady');
  tick(2000);
  library.moveMedium({ kind: 'slot', index: slot.index }, { kind: 'drive', index: 2 });
  const inDrive = await client.send(new DescribeTapesCommand({ GatewayARN: gatewayArn, TapeARNs: [arn] }));
  assert.equal(inDrive.Tapes?.[0]?.VTLDevice, `${gatewayArn}/device/AMZN_SGW-${gatewayArn.slice(-8)}_TAPEDRIVE_00003`);
  const drive = library.elements().find((e) => e.kind === 'drive' && e.index === 2);
  assert.deepEqual([drive?.barcode, drive?.address, drive?.sourceAddress], [barcode, 258, undefined]);
  assert.throws(() => library.moveMedium({ kind: 'drive', index: 5 }, { kind: 'slot', index: 1 }), (e: unknown) => e instanceof MoveMediumError && e.sense === 'sourceEmpty' && e.sourceAddress === 261 && e.destinationAddress === 1024);
  assert.throws(() => library.moveMedium({ kind: 'drive', index: 2 }, { kind: 'slot', index: 1601 }), (e: unknown) => e instanceof MoveMediumError && e.sense === 'destinationFull');
  assert.throws(() => library.moveMedium({ kind: 'drive', index: 2 }, { kind: 'slot', index: 3201 }), (e: unknown) => e instanceof MoveMediumError && e.sense === 'invalidElement');
  library.recordUsage(barcode, 4096);
  library.moveMedium({ kind: 'drive', index: 2 }, { kind: 'slot', index: 7 });
  const stored = await client.send(new DescribeTapesCommand({ GatewayARN: gatewayArn, TapeARNs: [arn] }));
  assert.deepEqual([stored.Tapes?.[0]?.VTLDevice, stored.Tapes?.[0]?.TapeUsedInBytes], [undefined, 4096]);
  assert.equal(library.tape(barcode)?.readOnly, false);
});

test('eject -> IN TRANSIT TO VTS (cancellable) -> ARCHIVING -> ARCHIVED; retrieve -> RETRIEVING (cancellable) -> RETRIEVED read-only; eject -> ARCHIVED', async () => {
  const [arn = ''] = await newTapes(1, 'archive-1');
  const barcode = barcodeOf(arn);
  tick(2000);
  const from = library.elements().find((e) => e.barcode === barcode);
  library.moveMedium({ kind: 'slot', index: from?.index ?? 0 }, { kind: 'slot', index: 20 });
  const freeIe = library.elements().find((e) => e.kind === 'importExport' && e.barcode === undefined);
  library.moveMedium({ kind: 'slot', index: 20 }, { kind: 'slot', index: freeIe?.index ?? 0 });
  assert.equal(await statusOf(arn), 'IN TRANSIT TO VTS');
  await client.send(new CancelArchivalCommand({ GatewayARN: gatewayArn, TapeARN: arn }));
  assert.equal(await statusOf(arn), 'AVAILABLE');
  assert.equal(sg.lab.admin.ejectTape(barcode).status, 'IN TRANSIT TO VTS');
  tick(2000);
  assert.equal(await statusOf(arn), 'ARCHIVING');
  assert.equal((await failure(client.send(new CancelArchivalCommand({ GatewayARN: gatewayArn, TapeARN: arn })))).code, 'InvalidParameters');
  tick(2500);
  const archiving = await client.send(new DescribeTapesCommand({ GatewayARN: gatewayArn, TapeARNs: [arn] }));
  assert.equal(archiving.Tapes?.[0]?.Progress, 50);
  tick(2500);
  const listed = (await client.send(new ListTapesCommand({ TapeARNs: [arn] }))).TapeInfos?.[0];
  assert.deepEqual([listed?.TapeStatus, listed?.GatewayARN], ['ARCHIVED', undefined]);
  assert.equal(library.tape(barcode), undefined);
  const archive = (await client.send(new DescribeTapeArchivesCommand({ TapeARNs: [arn] }))).TapeArchives?.[0];
  assert.equal(archive?.TapeStatus, 'ARCHIVED');
  // Archived exactly when ARCHIVING (started 2 s after the eject) ran its 5 s: that is the lab clock now.
  assert.equal(archive?.CompletionTime?.getTime(), clock);

  await client.send(new RetrieveTapeArchiveCommand({ GatewayARN: gatewayArn, TapeARN: arn }));
  assert.deepEqual([(await client.send(new ListTapesCommand({ TapeARNs: [arn] }))).TapeInfos?.[0]?.GatewayARN, await statusOf(arn)], [gatewayArn, 'RETRIEVING']);
  await client.send(new CancelRetrievalCommand({ GatewayARN: gatewayArn, TapeARN: arn }));
  assert.equal(await statusOf(arn), 'ARCHIVED');
  await client.send(new RetrieveTapeArchiveCommand({ GatewayARN: gatewayArn, TapeARN: arn }));
  tick(10_000);
  assert.equal(await statusOf(arn), 'RETRIEVED');
  assert.equal((await client.send(new DescribeTapeArchivesCommand({ TapeARNs: [arn] }))).TapeArchives?.[0]?.RetrievedTo, gatewayArn);
  assert.deepEqual([library.tape(barcode)?.readOnly, library.tape(barcode)?.status], [true, 'RETRIEVED']);
  assert.equal((await failure(client.send(new DeleteTapeCommand({ GatewayARN: gatewayArn, TapeARN: arn })))).code, 'InvalidParameters');
  assert.equal((await failure(client.send(new DeleteTapeArchiveCommand({ TapeARN: arn })))).code, 'InvalidParameters');
  assert.equal(sg.lab.admin.ejectTape(barcode).status, 'ARCHIVED');
  await client.send(new DeleteTapeArchiveCommand({ TapeARN: arn }));
  assert.equal(await statusOf(arn), undefined);
});

test('pools: retention lock guards deletes and moves; ListTapePools ignores unknown ARNs; pools with tapes cannot be deleted', async () => {
  const { PoolARN: governance = '' } = await client.send(new CreateTapePoolCommand({ PoolName: 'gov', StorageClass: 'GLACIER', RetentionLockType: 'GOVERNANCE', RetentionLockTimeInDays: 1 }));
  const { PoolARN: compliance = '' } = await client.send(new CreateTapePoolCommand({ PoolName: 'comp', StorageClass: 'DEEP_ARCHIVE', RetentionLockType: 'COMPLIANCE', RetentionLockTimeInDays: 1 }));
  assert.match(governance, /:tapepool\/pool-[0-9A-F]{8}$/);
  const govId = governance.split('/')[1] ?? '';
  const compId = compliance.split('/')[1] ?? '';
  const [govTape = '', compTape = ''] = [...(await newTapes(1, 'pool-gov', { PoolId: govId })), ...(await newTapes(1, 'pool-comp', { PoolId: compId }))];
  tick(2000);
  for (const tape of [govTape, compTape]) sg.lab.admin.ejectTape(barcodeOf(tape));
  tick(7000);
  const archived = (await client.send(new DescribeTapeArchivesCommand({ TapeARNs: [govTape] }))).TapeArchives?.[0];
  assert.equal(archived?.PoolId, govId);
  assert.ok(archived?.RetentionStartDate instanceof Date);
  assert.match((await failure(client.send(new DeleteTapeArchiveCommand({ TapeARN: govTape })))).message, /GOVERNANCE/);
  assert.match((await failure(client.send(new AssignTapePoolCommand({ TapeARN: compTape, PoolId: 'DEEP_ARCHIVE', BypassGovernanceRetention: true })))).message, /COMPLIANCE/);
  assert.equal((await failure(client.send(new DeleteTapePoolCommand({ PoolARN: compliance })))).code, 'InvalidParameters');
  await client.send(new DeleteTapeArchiveCommand({ TapeARN: govTape, BypassGovernanceRetention: true }));
  const pools = await client.send(new ListTapePoolsCommand({ PoolARNs: [governance, governance.replace(/pool-\w+$/, 'pool-00000000')] }));
  assert.deepEqual(pools.PoolInfos?.map((p) => [p.PoolName, p.RetentionLockType, p.RetentionLockTimeInDays, p.PoolStatus]), [['gov', 'GOVERNANCE', 1, 'ACTIVE']]);
  await client.send(new DeleteTapePoolCommand({ PoolARN: governance }));
  assert.deepEqual((await client.send(new ListTapePoolsCommand({ PoolARNs: [governance] }))).PoolInfos, []);
});

test('ListTapes pages with opaque markers and omits Marker on the last page; the 1 PiB library cap holds', async () => {
  const seen: string[] = [];
  let marker: string | undefined;
  let pages = 0;
  do {
    const page = await client.send(new ListTapesCommand({ Limit: 2, Marker: marker }));
    seen.push(...(page.TapeInfos ?? []).map((t) => t.TapeARN ?? ''));
    marker = page.Marker;
    pages += 1;
  } while (marker);
  assert.equal(new Set(seen).size, seen.length);
  assert.ok(pages > 2);
  const big = await readyGateway(sg, 'big');
  const create = (token: string) => client.send(new CreateTapesCommand({ GatewayARN: big, TapeSizeInBytes: 15 * TIB, ClientToken: token, NumTapesToCreate: 10, TapeBarcodePrefix: 'BIG' }));
  for (let i = 0; i < 6; i += 1) await create(`big-${i}`);
  const full = await failure(create('big-6'));
  assert.equal(full.code, 'MaximumTapeCartridgeCountExceeded');
  assert.equal((await client.send(new DescribeTapesCommand({ GatewayARN: big }))).Tapes?.length, 60);
});

test('a library holds at most 1,500 tapes; the next CreateTapes fails with MaximumTapeCartridgeCountExceeded', async () => {
  const full = await readyGateway(sg, 'full');
  for (let i = 0; i < 150; i += 1) await newTapes(10, `full-${i}`, { gateway: full });
  const refused = await failure(newTapes(1, 'full-extra', { gateway: full }));
  assert.equal(refused.code, 'MaximumTapeCartridgeCountExceeded');
  const fullLibrary = sg.lab.libraries.byGatewayArn(full);
  const occupied = fullLibrary?.elements().filter((e) => e.barcode !== undefined) ?? [];
  assert.deepEqual([occupied.length, occupied[0]?.index, occupied.at(-1)?.index], [1500, 1601, 3100]);
});
