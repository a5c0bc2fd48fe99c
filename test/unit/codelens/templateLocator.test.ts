// Template locator: finds the top of CloudFormation templates and tape gateway instances with their disks; nothing on other files.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { locateTemplate, VTL_AMI_PARAMETER } from '../../../src/extension/codelens/templateLocator';

const shipped = readFileSync(join(__dirname, '..', '..', '..', 'templates', 'tape-gateway.yaml'), 'utf8');

test('the shipped template is a template with one gateway instance on the VTL AMI parameter', () => {
  const outline = locateTemplate(shipped);
  assert.ok(outline);
  assert.equal(outline.offset, 0, 'Deploy and Validate go on the first key');
  assert.equal(outline.gatewayInstances.length, 1);
  const gateway = outline.gatewayInstances[0]!;
  assert.equal(gateway.logicalId, 'GatewayInstance');
  assert.equal(gateway.amiParameterName, VTL_AMI_PARAMETER);
  assert.equal(gateway.instanceType, 'm5.xlarge');
  assert.deepEqual(gateway.disks.map((d) => [d.name, d.sizeGiB]), [['/dev/sdb', 165], ['/dev/sdc', 165]]);
  assert.equal(shipped.slice(gateway.offset, gateway.offset + 'GatewayInstance'.length), 'GatewayInstance');
  assert.match(shipped.slice(shipped.lastIndexOf('\n', gateway.imageIdOffset) + 1, gateway.imageIdOffset + 20), /^\s+ImageId: !Ref GatewayAmiId/);
});

test('a plain YAML file is not a template', () => {
  assert.equal(locateTemplate('name: build\non:\n  push:\n    branches: [main]\njobs:\n  test:\n    runs-on: ubuntu-latest\n'), undefined);
  assert.equal(locateTemplate('Resources:\n  Thing:\n    Type: Custom::Mine\n'), undefined, 'Resources without AWS:: types');
  assert.equal(locateTemplate('# deploys AWS::EC2::Instance resources elsewhere\nsteps:\n  - run: make\n'), undefined, 'AWS:: only in a comment');
});

test('a JSON template with a dynamic reference and attached volumes is located', () => {
  const json = JSON.stringify({
    Resources: {
      Gw: { Type: 'AWS::EC2::Instance', Properties: { ImageId: `{{resolve:ssm:${VTL_AMI_PARAMETER}}}`, InstanceType: 'm5a.xlarge' } },
      Cache: { Type: 'AWS::EC2::Volume', Properties: { Size: 8, VolumeType: 'gp3' } },
      CacheAttachment: { Type: 'AWS::EC2::VolumeAttachment', Properties: { InstanceId: { Ref: 'Gw' }, VolumeId: { Ref: 'Cache' }, Device: '/dev/sdf' } },
      Other: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-0123456789abcdef0' } },
    },
  }, null, 2);
  const outline = locateTemplate(json);
  assert.ok(outline);
  assert.equal(outline.gatewayInstances.length, 1);
  const gateway = outline.gatewayInstances[0]!;
  assert.equal(gateway.instanceType, 'm5a.xlarge');
  assert.deepEqual(gateway.disks.map((d) => [d.name, d.sizeGiB]), [['Cache', 8]]);
  assert.equal(json.slice(gateway.offset, gateway.offset + 4), '"Gw"');
});

test('YAML short forms in sequences and maps do not stop the locator', () => {
  const yaml = [
    'AWSTemplateFormatVersion: 2010-09-09',
    'Parameters:',
    '  Ami: { Type: "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>", Default: /aws/service/storagegateway/ami/VTL/latest }',
    '  Size: { Type: Number }',
    'Resources:',
    '  Gw:',
    '    Type: AWS::EC2::Instance',
    '    Properties:',
    '      ImageId: !Ref Ami',
    '      InstanceType: !If [Big, m5.2xlarge, m5.xlarge]',
    '      UserData: !Base64',
    '        Fn::Sub: echo ${AWS::Region}',
    '      BlockDeviceMappings:',
    '        - { DeviceName: /dev/sdb, Ebs: { VolumeSize: !Ref Size } }',
    '        - { DeviceName: /dev/sdc, Ebs: { VolumeSize: 150 } }',
  ].join('\n');
  const gateway = locateTemplate(yaml)?.gatewayInstances[0];
  assert.ok(gateway);
  assert.equal(gateway.instanceType, undefined, 'a conditional type is chosen at deploy time');
  assert.deepEqual(gateway.disks.map((d) => d.sizeGiB), [undefined, 150]);
});
