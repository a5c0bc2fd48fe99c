// Host tests: CodeLens on the shipped CloudFormation template (Deploy, Validate, AMI, cost, disks) and none on a plain YAML file.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TemplateValidationResult } from '../../../src/extension/commands/validateTemplate';
import { EXTENSION_ID, extensionApi } from './hostLab';

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
  return lenses.map((lens) => lens.command?.title ?? '(unresolved)');
}

describe('Template CodeLens', function () {
  this.timeout(60_000);
  const templateUri = () => vscode.Uri.file(join(vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '', 'templates', 'tape-gateway.yaml'));

  before(async () => {
    const exports = await extensionApi();
    if (exports.connectionState().kind !== 'none') await vscode.commands.executeCommand('tapeGateway.disconnect');
    await vscode.commands.executeCommand('tapeGateway.startLocalLab');
  });
  after(async () => {
    await vscode.workspace.getConfiguration('tapeGateway.codeLens').update('enabled', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('tapeGateway.stopLocalLab');
  });

  it('shows Deploy stack, Validate, the resolved AMI, the hourly cost and the disk check on templates/tape-gateway.yaml', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(templateUri()));
    const titles = await lensTitles(templateUri());
    assert.ok(titles.some((t) => t.includes('Deploy stack')), titles.join(' | '));
    assert.ok(titles.some((t) => t.includes('Validate')));
    assert.ok(titles.some((t) => /^VTL AMI: ami-[0-9a-f]{8,17} \(Lab/.test(t)), `the AMI is resolved with GetParameter: ${titles.join(' | ')}`);
    assert.ok(titles.some((t) => t.includes('Gateway ≈ $0.237/h') && t.includes('m5.xlarge $0.192/h')), titles.join(' | '));
    assert.ok(titles.some((t) => t.includes("Disks 165 + 165 GiB meet AWS's minimums")));
  });

  it('shows nothing on a plain YAML file', async () => {
    const plain = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n' });
    assert.deepEqual(await lensTitles(plain.uri), []);
  });

  it('flags undersized disks of a JSON template', async () => {
    const json = await vscode.workspace.openTextDocument({
      language: 'json',
      content: JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { Gateway: { Type: 'AWS::EC2::Instance', Properties: { ImageId: '{{resolve:ssm:/aws/service/storagegateway/ami/VTL/latest}}', InstanceType: 'm5a.xlarge', BlockDeviceMappings: [{ DeviceName: '/dev/sdf', Ebs: { VolumeSize: 8 } }, { DeviceName: '/dev/sdg', Ebs: { VolumeSize: 8 } }] } } } }, null, 2),
    });
    const titles = await lensTitles(json.uri);
    assert.ok(titles.some((t) => t.includes("below AWS's 150 GiB minimum")), titles.join(' | '));
    assert.ok(titles.some((t) => t.includes('m5a.xlarge $0.172/h')));
  });

  it('Validate reports the result of ValidateTemplate on the connection', async () => {
    const valid = await vscode.commands.executeCommand<TemplateValidationResult | undefined>('tapeGateway.validateTemplate', templateUri());
    assert.ok(valid?.valid, valid?.message);
    assert.match(valid.message, /is valid on Lab .*CAPABILITY_IAM/);
    const broken = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'AWSTemplateFormatVersion: 2010-09-09\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: !Ref Missing\n' });
    const invalid = await vscode.commands.executeCommand<TemplateValidationResult | undefined>('tapeGateway.validateTemplate', broken.uri);
    assert.equal(invalid?.valid, false);
    assert.match(invalid?.message ?? '', /CloudFormation rejected .*Missing.*Fix the template/);
  });

  it('Deploy stack hands the template to tapeGateway.deployStack, which asks for the stack name', async () => {
    const api = await extensionApi();
    const script = api.prompts.script([undefined]);
    try {
      assert.equal(await vscode.commands.executeCommand('tapeGateway.deployStackFromTemplate', templateUri()), undefined, 'Escape at the first prompt ends it quietly');
      assert.deepEqual(script.transcript.map((record) => record.title), ['Deploy Stack: stack name']);
    } finally {
      api.prompts.restore();
    }
  });

  it('the tapeGateway.codeLens.enabled setting turns the lenses off', async () => {
    await vscode.workspace.getConfiguration('tapeGateway.codeLens').update('enabled', false, vscode.ConfigurationTarget.Global);
    assert.deepEqual(await lensTitles(templateUri()), []);
    await vscode.workspace.getConfiguration('tapeGateway.codeLens').update('enabled', undefined, vscode.ConfigurationTarget.Global);
    assert.ok((await lensTitles(templateUri())).length >= 5);
  });
});
