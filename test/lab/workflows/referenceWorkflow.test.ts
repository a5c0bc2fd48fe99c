// The reference workflow through the workflow steps on a real Session Manager session to the lab's AL2 client.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { DescribeTapeArchivesCommand } from '@aws-sdk/client-storage-gateway';
import { runVisible } from '../../../src/extension/workflows/runVisible';
import { TapeWorkflows } from '../../../src/extension/workflows/TapeWorkflows';
import { MarkerFilter } from '../../../src/tape/shellMarker';
import { parseSha256, sha256Line } from '../../../src/tape/workflowSteps';
import { startWorkflowLab, waitFor, type TestShell, type WorkflowLab } from './workflowLab';

let t: WorkflowLab;
let session: TestShell;
let workflows: TapeWorkflows;
let screen = '';

before(async () => {
  t = await startWorkflowLab('AL2');
  session = await t.openShell();
  const filter = new MarkerFilter();
  session.onOutput((text) => (screen += filter.push(text)));
  workflows = new TapeWorkflows((command, timeoutMs) => runVisible(session, command, { timeoutMs }), await t.libraryTargets());
});
after(async () => {
  await session?.close();
  await t?.close();
});

test('connect, load, write, list, read back, unload and archive the new tape', async () => {
  await workflows.checkTools();
  await workflows.connect([0]);
  await workflows.connect([0]);
  assert.match(screen, /Login to \[iface: default, target: iqn\.1997-05\.com\.amazon:sgw-[0-9a-f]{8}-mediachanger, portal: 10\.\d+\.\d+\.\d+,3260\] successful\./);
  assert.match(screen, /1 session requested, but 1 already present/, 'the second login is typed and tolerated');

  const slot = await t.slotOf(t.barcode);
  assert.equal(slot, 1601);
  await workflows.load(slot ?? 0, 0);
  assert.equal(await workflows.blockSize(0), 65536);

  const text = 'hogehoge\n';
  await runVisible(session, `echo 'hogehoge' > /home/ssm-user/test.txt`);
  const first = await workflows.write(0, ['/home/ssm-user/test.txt']);
  assert.equal(first, 0);
  await runVisible(session, `echo 'second' > /home/ssm-user/second.txt`);
  const second = await workflows.write(0, ['/home/ssm-user/second.txt']);
  assert.equal(second, 1);
  assert.match(screen, /tar -cv --record-size=65536 -f \/dev\/tape\/by-path\/ip-[\d.]+:3260-iscsi-iqn\.1997-05\.com\.amazon:sgw-[0-9a-f]{8}-tapedrive-01-lun-0-nst \/home\/ssm-user\/test\.txt/);

  const listing = await workflows.list(0, 0);
  assert.deepEqual(listing.entries.map((entry) => [entry.name, entry.size]), [['home/ssm-user/test.txt', text.length]]);
  const all = await workflows.listAll(0);
  assert.deepEqual(all.map((archive) => archive.entries.map((entry) => entry.name)), [['home/ssm-user/test.txt'], ['home/ssm-user/second.txt']]);

  const names = await workflows.read(0, 0, '/home/ssm-user/restore');
  assert.deepEqual(names, ['home/ssm-user/test.txt']);
  const restored = await runVisible(session, sha256Line('/home/ssm-user/restore/home/ssm-user/test.txt'));
  assert.equal(parseSha256(restored.output), createHash('sha256').update(text).digest('hex'));
  const secondNames = await workflows.read(0, 1, '/home/ssm-user/restore2');
  assert.deepEqual(secondNames, ['home/ssm-user/second.txt']);

  await workflows.unload(0);
  const storageSlot = await t.slotOf(t.barcode);
  assert.equal(storageSlot, 1);
  const status = await t.libraryStatus();
  const freeImportExport = status.slots.find((candidate) => candidate.importExport && !candidate.full)?.slot ?? 0;
  await workflows.move(storageSlot ?? 0, freeImportExport);
  const archived = await waitFor('the tape to be archived', async () => {
    const archives = (await t.sg.send(new DescribeTapeArchivesCommand({}))).TapeArchives ?? [];
    const tape = archives.find((candidate) => candidate.TapeBarcode === t.barcode);
    return tape?.TapeStatus === 'ARCHIVED' ? tape : undefined;
  });
  assert.equal(archived.TapeBarcode, t.barcode);

  // A narrow terminal: the line editor wraps the typed line; markers stay hidden and the result is still read.
  session.resize(50, 24);
  const before = screen.length;
  const wrapped = await runVisible(session, 'echo a-long-argument-that-wraps-at-the-right-margin-of-a-narrow-terminal; false');
  assert.deepEqual(wrapped, { exitCode: 1, output: 'a-long-argument-that-wraps-at-the-right-margin-of-a-narrow-terminal\n' });
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.doesNotMatch(screen.slice(before), /__tgw|end_/);
  session.resize(400, 40);

  await workflows.disconnect([0]);
  assert.doesNotMatch(screen, /__tgw/, 'the markers never reach the screen');
  if (process.env.SHOW_SCREEN) writeFileSync(process.env.SHOW_SCREEN, screen);
});
