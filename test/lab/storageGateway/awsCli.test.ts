// The Tape Gateway workflow through the real AWS CLI v2 (/usr/bin/aws) and real curl against the lab on loopback.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { startSgLab, tempStateDir, type SgLab } from './sgLabFixture';
import { NO_CURL, NO_AWS_CLI, skipUnless } from '../systemTools';

const run = promisify(execFile);
const AWS = '/usr/bin/aws';
let sg: SgLab;
let env: NodeJS.ProcessEnv;

interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

before(async () => {
  sg = await startSgLab({ timeScale: 0 });
  const folder = await tempStateDir();
  const emptyConfig = join(folder, 'aws-config');
  await writeFile(emptyConfig, '');
  env = {
    PATH: process.env.PATH,
    HOME: folder,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: emptyConfig,
    AWS_SHARED_CREDENTIALS_FILE: emptyConfig,
    AWS_PAGER: '',
  };
});
after(() => sg.lab.stop());

async function aws(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(AWS, ['storagegateway', ...args, '--endpoint-url', sg.lab.endpoint, '--output', 'json'], { env: { ...env, ...extraEnv } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

async function awsJson(args: string[]): Promise<Record<string, unknown>> {
  const result = await aws(args);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

test('curl, activate, disks, tapes paged by the CLI, devices, and the error cases', { skip: skipUnless(NO_AWS_CLI, NO_CURL) }, async () => {
  const appliance = await sg.lab.admin.createGatewayAppliance();
  const url = `${appliance.activationUrl}?gatewayType=VTL&activationRegion=us-east-1`;
  const redirect = await run('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code} %{redirect_url}', url]);
  assert.match(redirect.stdout, /^302 https:\/\/.*activationKey=[A-Z0-9-]{29}$/);
  const { stdout: key } = await run('curl', ['-s', `${url}&no_redirect`]);
  assert.match(key, /^[A-Z0-9]{5}(-[A-Z0-9]{5}){4}$/);

  const activated = await awsJson(['activate-gateway', '--activation-key', key, '--gateway-name', 'cli-gw', '--gateway-timezone', 'GMT+9:00', '--gateway-region', 'us-east-1', '--gateway-type', 'VTL', '--tape-drive-type', 'IBM-ULT3580-TD5', '--medium-changer-type', 'AWS-Gateway-VTL']);
  const gatewayArn = String(activated.GatewayARN);
  const disks = (await awsJson(['list-local-disks', '--gateway-arn', gatewayArn])).Disks as { DiskId: string; DiskAllocationType: string }[];
  assert.deepEqual(disks.map((d) => d.DiskAllocationType), ['AVAILABLE', 'AVAILABLE']);
  await awsJson(['add-cache', '--gateway-arn', gatewayArn, '--disk-ids', disks[0]?.DiskId ?? '']);
  await awsJson(['add-upload-buffer', '--gateway-arn', gatewayArn, '--disk-ids', disks[1]?.DiskId ?? '']);
  const created = await awsJson(['create-tapes', '--gateway-arn', gatewayArn, '--tape-size-in-bytes', '107374182400', '--client-token', 'cli-token-1', '--num-tapes-to-create', '10', '--tape-barcode-prefix', 'CLI']);
  assert.equal((created.TapeARNs as string[]).length, 10);
  await awsJson(['create-tape-with-barcode', '--gateway-arn', gatewayArn, '--tape-size-in-bytes', '107374182400', '--tape-barcode', 'CLIBAR01']);

  const all = await awsJson(['list-tapes', '--page-size', '3']);
  const infos = all.TapeInfos as { TapeBarcode: string; TapeStatus: string }[];
  assert.equal(infos.length, 11);
  assert.equal(new Set(infos.map((t) => t.TapeBarcode)).size, 11);
  assert.ok(infos.every((t) => t.TapeStatus === 'AVAILABLE'));
  const firstPage = await awsJson(['list-tapes', '--max-items', '4']);
  assert.equal((firstPage.TapeInfos as unknown[]).length, 4);
  assert.ok(firstPage.NextToken);

  const devices = (await awsJson(['describe-vtl-devices', '--gateway-arn', gatewayArn, '--page-size', '4'])).VTLDevices as { VTLDeviceType: string }[];
  assert.equal(devices.length, 11);
  assert.equal(devices.filter((d) => d.VTLDeviceType === 'Tape Drive').length, 10);

  const badPrefix = await aws(['create-tapes', '--gateway-arn', gatewayArn, '--tape-size-in-bytes', '107374182400', '--client-token', 'cli-token-2', '--num-tapes-to-create', '1', '--tape-barcode-prefix', 'ab1']);
  assert.notEqual(badPrefix.code, 0);
  assert.match(badPrefix.stderr, /\(ValidationException\) when calling the CreateTapes operation: 1 validation error detected: Value 'ab1' at 'tapeBarcodePrefix' failed to satisfy constraint: Member must satisfy regular expression pattern: \^\[A-Z\]\*\$/);
  const tinyTape = await aws(['create-tape-with-barcode', '--gateway-arn', gatewayArn, '--tape-size-in-bytes', String(1024 ** 3), '--tape-barcode', 'TINY01']);
  assert.match(tinyTape.stderr, /\(InvalidGatewayRequestException\) when calling the CreateTapeWithBarcode operation: The specified request contains invalid parameters\./);
  const unknownGateway = await aws(['describe-gateway-information', '--gateway-arn', gatewayArn.replace(/sgw-\w+$/, 'sgw-00000000')]);
  assert.match(unknownGateway.stderr, /\(InvalidGatewayRequestException\) when calling the DescribeGatewayInformation operation: The specified gateway was not found\./);
  const wrongSecret = await aws(['list-gateways'], { AWS_SECRET_ACCESS_KEY: 'not-test' });
  assert.notEqual(wrongSecret.code, 0);
  assert.match(wrongSecret.stderr, /\(InvalidSignatureException\) when calling the ListGateways operation: The request signature we calculated does not match/);
});
