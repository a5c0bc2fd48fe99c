// What a lab restart does to work in flight: Run Command invocations end with a terminal status that says why, and an
// interrupted stack create rolls back (an interrupted delete finishes), as the lab documents.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CreateStackCommand, DeleteStackCommand, DescribeStackEventsCommand, DescribeStacksCommand, ListStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetCommandInvocationCommand, ListCommandsCommand, SendCommandCommand } from '@aws-sdk/client-ssm';
import { startLab } from '../../../src/lab/index';
import { INTERRUPTED_MESSAGE } from '../../../src/lab/services/ssm/CommandHistory';
import { eventually, labClients } from './support/awsClients';
import { deployTapeGateway, waitOnline } from './support/deployTapeGateway';
import { LabChild } from './support/labChild';

const folders: string[] = [];
function stateFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'lab-restart-'));
  folders.push(folder);
  return folder;
}
after(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const TEMPLATE = JSON.stringify({
  Resources: {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.8.0.0/16' } },
    Subnet: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.8.1.0/24' } },
    RouteTable: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
  },
});

test('an invocation running at a kill -9 reads as Failed, with a sentence saying why, after the restart', async () => {
  const stateDir = stateFolder();
  const prepared = await startLab({ port: 0, stateDir, timeScale: 0.001 });
  const setup = labClients(prepared.endpoint);
  const { clientInstanceId } = await deployTapeGateway(setup, { tapes: 1 }).finally(async () => {
    setup.destroy();
    await prepared.stop();
  });

  const first = await LabChild.start(stateDir, ['--time-scale', '0.001']);
  const clients = labClients(first.ready.endpoint);
  let commandId = '';
  try {
    await waitOnline(clients, clientInstanceId);
    // Thousands of 1 MB reads: seconds of work, long enough to be killed in the middle.
    const sent = await clients.ssm.send(new SendCommandCommand({ InstanceIds: [clientInstanceId], DocumentName: 'AWS-RunShellScript', Parameters: { commands: Array.from({ length: 5000 }, () => 'head -c 1000000 /dev/urandom > /tmp/x') } }));
    commandId = sent.Command?.CommandId ?? '';
    // The lab keeps answering while a script runs, so its status can be polled until it is InProgress.
    await eventually('the invocation to be InProgress', async () => {
      const invocation = await clients.ssm.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: clientInstanceId }));
      assert.ok(['Pending', 'InProgress'].includes(invocation.Status ?? ''), `the script ended before the kill: ${invocation.Status}`);
      return invocation.Status === 'InProgress' ? true : undefined;
    }, 5000);
  } finally {
    clients.destroy();
    await first.kill9();
  }

  const second = await LabChild.start(stateDir, ['--time-scale', '0.001']);
  const after = labClients(second.ready.endpoint);
  try {
    const invocation = await after.ssm.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: clientInstanceId }));
    assert.equal(invocation.Status, 'Failed');
    assert.equal(invocation.StatusDetails, 'Failed');
    assert.equal(invocation.ResponseCode, -1);
    assert.equal(invocation.StandardErrorContent, INTERRUPTED_MESSAGE);
    const listed = await after.ssm.send(new ListCommandsCommand({ CommandId: commandId }));
    assert.equal(listed.Commands?.[0]?.Status, 'Failed');
  } finally {
    after.destroy();
    await second.stop();
  }
});

test('an invocation still Pending at a stop reads as Failed and Undeliverable after the restart (it never ran)', async () => {
  const stateDir = stateFolder();
  const commandId = '0b0a0c0d-1111-4222-8333-944445555666';
  const requestedAt = new Date().toISOString();
  mkdirSync(join(stateDir, 'ssm'), { recursive: true });
  const invocation = { instanceId: 'i-0123456789abcdef0', status: 'Pending', statusDetails: 'Pending', responseCode: -1, stdout: '', stderr: '' };
  const saved = { commandId, documentName: 'AWS-RunShellScript', comment: '', parameters: { commands: ['echo hi'] }, instanceIds: [invocation.instanceId], requestedAt, timeoutSeconds: 3600, executionTimeoutSeconds: 3600, invocations: [invocation] };
  writeFileSync(join(stateDir, 'ssm', 'commands.json'), JSON.stringify({ version: 1, commands: [saved] }));
  const lab = await startLab({ port: 0, stateDir, timeScale: 0.001 });
  const clients = labClients(lab.endpoint);
  try {
    const result = await clients.ssm.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: invocation.instanceId }));
    assert.equal(result.Status, 'Failed');
    assert.equal(result.StatusDetails, 'Undeliverable');
    assert.equal(result.StandardOutputContent, '');
  } finally {
    clients.destroy();
    await lab.stop();
  }
});

test('a stack create interrupted by kill -9 rolls back after the restart; a delete acknowledged just before a kill completes', async () => {
  const stateDir = stateFolder();
  const first = await LabChild.start(stateDir, ['--time-scale', '0.05']);
  let clients = labClients(first.ready.endpoint);
  let stackId = '';
  try {
    stackId = (await clients.cfn.send(new CreateStackCommand({ StackName: 'interrupted', TemplateBody: TEMPLATE }))).StackId ?? '';
    // Kill once the VPC exists and the resources that need it are being created.
    await eventually('the VPC to be created', async () => {
      const events = (await clients.cfn.send(new DescribeStackEventsCommand({ StackName: stackId }))).StackEvents ?? [];
      return events.some((event) => event.LogicalResourceId === 'Vpc' && event.ResourceStatus === 'CREATE_COMPLETE') ? true : undefined;
    });
  } finally {
    clients.destroy();
    await first.kill9();
  }

  let second = await LabChild.start(stateDir, ['--time-scale', '0.001']);
  clients = labClients(second.ready.endpoint);
  try {
    const stack = await eventually('the rollback to finish', async () => {
      const found = (await clients.cfn.send(new DescribeStacksCommand({ StackName: stackId }))).Stacks?.[0];
      return found?.StackStatus === 'ROLLBACK_COMPLETE' ? found : undefined;
    });
    assert.equal(stack.StackId, stackId);
    const events = (await clients.cfn.send(new DescribeStackEventsCommand({ StackName: stackId }))).StackEvents ?? [];
    const rollback = events.find((event) => event.LogicalResourceId === 'interrupted' && event.ResourceStatus === 'ROLLBACK_IN_PROGRESS');
    assert.equal(rollback?.ResourceStatusReason, 'The lab stopped while this stack operation was in progress.');
    // Every resource the create had started was deleted by the rollback (events are newest first). Events are saved in the
    // background, so the last one seen before a kill (e.g. Vpc CREATE_COMPLETE) may be missing; the resources are not.
    const started = [...new Set(events.map((event) => event.LogicalResourceId).filter((id) => id !== 'interrupted'))];
    assert.ok(started.includes('Vpc'));
    for (const logicalId of started) {
      const last = events.find((event) => event.LogicalResourceId === logicalId);
      assert.equal(last?.ResourceStatus, 'DELETE_COMPLETE', `${logicalId} ends ${last?.ResourceStatus}`);
    }

    // DeleteStack answers once the delete is saved: a kill right after it still ends in DELETE_COMPLETE.
    await clients.cfn.send(new DeleteStackCommand({ StackName: stackId }));
  } finally {
    clients.destroy();
    await second.kill9();
  }
  second = await LabChild.start(stateDir, ['--time-scale', '0.001']);
  clients = labClients(second.ready.endpoint);
  try {
    const deleted = await eventually('the delete to finish', async () => {
      const summaries = (await clients.cfn.send(new ListStacksCommand({}))).StackSummaries ?? [];
      const found = summaries.find((summary) => summary.StackId === stackId);
      return found?.StackStatus === 'DELETE_COMPLETE' ? found : undefined;
    });
    assert.equal(deleted.StackName, 'interrupted');
  } finally {
    clients.destroy();
    await second.stop();
  }
});
