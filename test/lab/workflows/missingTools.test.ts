// On the AL2023 client (no mt-st or mtx in its repositories) the workflows name the missing packages instead of failing obscurely.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runVisible } from '../../../src/extension/workflows/runVisible';
import { TapeWorkflows, type WorkflowError } from '../../../src/extension/workflows/TapeWorkflows';
import { startWorkflowLab, type TestShell, type WorkflowLab } from './workflowLab';

let t: WorkflowLab;
let session: TestShell;
let workflows: TapeWorkflows;

before(async () => {
  t = await startWorkflowLab('AL2023');
  session = await t.openShell();
  workflows = new TapeWorkflows((command, timeoutMs) => runVisible(session, command, { timeoutMs }), await t.libraryTargets());
});
after(async () => {
  await session?.close();
  await t?.close();
});

test('the bootstrap status file names mt-st and mtx', async () => {
  await assert.rejects(workflows.checkTools(), (error: WorkflowError) => {
    assert.equal(error.missingTool, 'mt');
    assert.match(error.message, /no mt\. Install the package mt-st .*no mtx\. Install the package mtx/);
    return true;
  });
});

test('`command not found` from the shell is turned into the same advice', async () => {
  await workflows.connect([0]);
  await assert.rejects(workflows.load(1601, 0), (error: WorkflowError) => error.missingTool === 'mtx' && /sudo yum install -y mtx/.test(error.message));
  await assert.rejects(workflows.blockSize(0), (error: WorkflowError) => error.missingTool === 'mt' && /package mt-st/.test(error.message));
});
