// The catalog on the lab: write files with checksums, find them, archive the tape, restore chosen members from the archive and verify.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { StorageGatewayApi } from '../../../src/aws/StorageGatewayApi';
import { CatalogJournal } from '../../../src/extension/catalog/CatalogJournal';
import { rebuildFromTape, writeCataloged } from '../../../src/extension/catalog/catalogWorkflows';
import { restoreFromCatalog } from '../../../src/extension/catalog/restoreFromCatalog';
import { runVisible } from '../../../src/extension/workflows/runVisible';
import { TapeWorkflows } from '../../../src/extension/workflows/TapeWorkflows';
import { MarkerFilter } from '../../../src/tape/shellMarker';
import { sendCommand } from './deployTapeGateway';
import { startWorkflowLab, waitFor, type TestShell, type WorkflowLab } from './workflowLab';

let t: WorkflowLab;
let session: TestShell;
let workflows: TapeWorkflows;
/** The shell steps with the library status as the extension's library reader reads it. */
let library: { workflows: TapeWorkflows; status: WorkflowLab['libraryStatus'] };
let folder: string;
let screen = '';

before(async () => {
  t = await startWorkflowLab('AL2');
  folder = await mkdtemp(join(tmpdir(), 'catalog-lab-'));
  session = await t.openShell();
  const filter = new MarkerFilter();
  session.onOutput((text) => (screen += filter.push(text)));
  workflows = new TapeWorkflows((command, timeoutMs) => runVisible(session, command, { timeoutMs }), await t.libraryTargets());
  library = { workflows, status: t.libraryStatus };
});
after(async () => {
  await session?.close();
  await t?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

async function slotOf(barcode: string): Promise<number> {
  const slot = await t.slotOf(barcode);
  assert.ok(slot !== undefined, `${barcode} is in a slot`);
  return slot;
}

test('write two archives with checksums, find by glob, archive the tape, retrieve and restore two files, checksums verified', async () => {
  const setup = await sendCommand(t.ssm, t.clientInstanceId, [
    'mkdir -p /home/ssm-user/docs/sub',
    'echo "quarterly numbers" > /home/ssm-user/docs/report.txt',
    'echo "deep file" > /home/ssm-user/docs/sub/deep.txt',
    'echo "second archive" > /home/ssm-user/later.log',
  ].join(' && '));
  assert.equal(setup.code, 0, setup.stdout);
  const { journal } = await CatalogJournal.open(join(folder, 'lab.jsonl'));
  await workflows.connect([0, 1]);
  await workflows.load(await slotOf(t.barcode), 0);
  const first = await writeCataloged(library, journal, t.gatewayArn, 0, ['/home/ssm-user/docs']);
  const second = await writeCataloged(library, journal, t.gatewayArn, 0, ['/home/ssm-user/later.log']);
  assert.deepEqual([first.archive, second.archive], [0, 1]);
  assert.deepEqual(first.record.members.map((m) => [m.path, m.type]).sort(), [
    ['home/ssm-user/docs/', 'directory'], ['home/ssm-user/docs/report.txt', 'file'], ['home/ssm-user/docs/sub/', 'directory'], ['home/ssm-user/docs/sub/deep.txt', 'file'],
  ]);
  const report = first.record.members.find((m) => m.path.endsWith('report.txt'));
  assert.match(report?.sha256 ?? '', /^[0-9a-f]{64}$/);
  assert.equal(report?.size, 'quarterly numbers\n'.length);
  assert.equal(first.record.blockSize, 65536);

  const reopened = (await CatalogJournal.open(join(folder, 'lab.jsonl'))).journal;
  const found = reopened.index.search('docs/**/*.txt').hits;
  assert.deepEqual(found.map((h) => [h.barcode, h.archive, h.member.path]).sort(), [[t.barcode, 0, 'home/ssm-user/docs/report.txt'], [t.barcode, 0, 'home/ssm-user/docs/sub/deep.txt']]);
  const later = reopened.index.search('later').hits;
  assert.deepEqual(later.map((h) => h.archive), [1]);

  // Export: the tape goes to an import/export slot and is archived.
  await workflows.unload(0, 1601);
  await waitFor('the tape to be archived', async () => ((await new StorageGatewayApi(t.clients).listTapeStates()).get(t.barcode)?.status === 'ARCHIVED' ? true : undefined), 30_000);

  const progress: string[] = [];
  const restored = await restoreFromCatalog(
    { hits: [...found, ...later], directory: '/home/ssm-user/restore' },
    { clients: t.clients, workflows, status: t.libraryStatus, gatewayArn: t.gatewayArn, drives: [0, 1], progress: (m) => progress.push(m), isCancelled: () => false, confirmRetrieve: async () => true, pollMs: 20 },
  );
  assert.equal(restored.retrieved, true);
  assert.deepEqual(restored.files.map((f) => [f.path, f.outcome]).sort(), [['home/ssm-user/docs/report.txt', 'verified'], ['home/ssm-user/docs/sub/deep.txt', 'verified'], ['home/ssm-user/later.log', 'verified']]);
  assert.ok(progress.some((m) => /RetrieveTapeArchive/.test(m)));
  assert.match(screen, /mt -f \S+-nst fsf 1/, 'positioned with mt fsf on the no-rewind device');
  assert.match(screen, /tar -xv --record-size=65536 -f \S+-nst -C \/home\/ssm-user\/restore home\/ssm-user\/later\.log/);
  const content = await sendCommand(t.ssm, t.clientInstanceId, 'cat /home/ssm-user/restore/home/ssm-user/docs/sub/deep.txt');
  assert.equal(content.stdout, 'deep file\n');

  // A tape written elsewhere: rebuild reads it back archive by archive.
  await workflows.load(await slotOf(t.barcode), 1);
  const rebuilt = await rebuildFromTape(library, reopened, t.gatewayArn, 1, { withChecksums: true, scratchDirectory: '/tmp/tapegw-rebuild' });
  assert.deepEqual(rebuilt.map((r) => r.archive), [0, 1]);
  assert.equal(rebuilt[1]?.members[0]?.sha256, second.record.members[0]?.sha256);
  assert.equal(reopened.index.tape(t.barcode)?.archives.get(0)?.source, 'rebuild');
});
