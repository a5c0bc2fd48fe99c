// Gateway settings through the SDK and the AWS CLI: bandwidth limits and schedule, maintenance window, software update, name and time zone.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import {
  DeleteBandwidthRateLimitCommand, DescribeBandwidthRateLimitCommand, DescribeBandwidthRateLimitScheduleCommand, DescribeGatewayInformationCommand,
  DescribeMaintenanceStartTimeCommand, ShutdownGatewayCommand, StartGatewayCommand, UpdateBandwidthRateLimitCommand, UpdateBandwidthRateLimitScheduleCommand,
  StorageGatewayClient, UpdateGatewayInformationCommand, UpdateGatewaySoftwareNowCommand, UpdateMaintenanceStartTimeCommand,
} from '@aws-sdk/client-storage-gateway';
import { loadModel, outputProblems } from '../botocoreModel';
import { readyGateway, startSgLab, tempStateDir, type SgLab } from './sgLabFixture';

const run = promisify(execFile);
const model = loadModel('storagegateway');
let sg: SgLab;
let gatewayArn = '';
/** The lab clock runs ahead of real time by this much (signatures then need the same offset). */
let offset = 0;
let env: NodeJS.ProcessEnv;

before(async () => {
  sg = await startSgLab({ timeScale: 0, now: () => new Date(Date.now() + offset) });
  gatewayArn = await readyGateway(sg, 'settings-gw');
  const folder = await tempStateDir();
  const emptyConfig = join(folder, 'aws-config');
  await writeFile(emptyConfig, '');
  env = { PATH: process.env.PATH, HOME: folder, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: emptyConfig, AWS_SHARED_CREDENTIALS_FILE: emptyConfig, AWS_PAGER: '' };
});
after(() => sg?.lab.stop());

async function sgCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('/usr/bin/aws', ['storagegateway', ...args, '--gateway-arn', gatewayArn, '--endpoint-url', sg.lab.endpoint, '--output', 'json'], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

function body<T extends { $metadata?: unknown }>(output: T): Omit<T, '$metadata'> {
  const { $metadata: _metadata, ...rest } = output;
  return rest;
}

const errorCode = (code: string) => (error: Error & { error?: { errorCode?: string } }) => error.name === 'InvalidGatewayRequestException' && error.error?.errorCode === code;

test('bandwidth rate limits: set one or both, describe, delete by type; AWS minimums enforced', async () => {
  assert.deepEqual(body(await sg.client.send(new DescribeBandwidthRateLimitCommand({ GatewayARN: gatewayArn }))), { GatewayARN: gatewayArn });
  await sg.client.send(new UpdateBandwidthRateLimitCommand({ GatewayARN: gatewayArn, AverageUploadRateLimitInBitsPerSec: 51200, AverageDownloadRateLimitInBitsPerSec: 204800 }));
  const both = body(await sg.client.send(new DescribeBandwidthRateLimitCommand({ GatewayARN: gatewayArn })));
  assert.deepEqual(both, { GatewayARN: gatewayArn, AverageUploadRateLimitInBitsPerSec: 51200, AverageDownloadRateLimitInBitsPerSec: 204800 });
  assert.deepEqual(outputProblems(model, 'DescribeBandwidthRateLimit', both), []);
  await sg.client.send(new DeleteBandwidthRateLimitCommand({ GatewayARN: gatewayArn, BandwidthType: 'UPLOAD' }));
  const cli = await sgCli(['describe-bandwidth-rate-limit']);
  assert.equal(cli.code, 0, cli.stderr);
  assert.deepEqual(JSON.parse(cli.stdout), { GatewayARN: gatewayArn, AverageDownloadRateLimitInBitsPerSec: 204800 });
  await assert.rejects(sg.client.send(new DeleteBandwidthRateLimitCommand({ GatewayARN: gatewayArn, BandwidthType: 'SIDEWAYS' })), errorCode('InvalidParameters'));
  await assert.rejects(sg.client.send(new UpdateBandwidthRateLimitCommand({ GatewayARN: gatewayArn })), errorCode('InvalidParameters'));
  const tooSlow = await sgCli(['update-bandwidth-rate-limit', '--average-upload-rate-limit-in-bits-per-sec', '100']);
  assert.notEqual(tooSlow.code, 0, 'the CLI validates the minimum itself');
  await assert.rejects(
    sg.client.send(new UpdateBandwidthRateLimitCommand({ GatewayARN: gatewayArn, AverageUploadRateLimitInBitsPerSec: 100 })),
    (error: Error) => error.name === 'ValidationException' && /greater than or equal to 51200/.test(error.message),
  );
  await sg.client.send(new DeleteBandwidthRateLimitCommand({ GatewayARN: gatewayArn, BandwidthType: 'ALL' }));
  assert.deepEqual(body(await sg.client.send(new DescribeBandwidthRateLimitCommand({ GatewayARN: gatewayArn }))), { GatewayARN: gatewayArn });
});

test('bandwidth schedule: stored as given, overlaps and reversed intervals refused, an empty list clears it', async () => {
  const intervals = [
    { StartHourOfDay: 8, StartMinuteOfHour: 0, EndHourOfDay: 17, EndMinuteOfHour: 59, DaysOfWeek: [1, 2, 3, 4, 5], AverageUploadRateLimitInBitsPerSec: 1048576 },
    { StartHourOfDay: 18, StartMinuteOfHour: 0, EndHourOfDay: 23, EndMinuteOfHour: 59, DaysOfWeek: [1, 2, 3, 4, 5], AverageDownloadRateLimitInBitsPerSec: 2097152 },
  ];
  await sg.client.send(new UpdateBandwidthRateLimitScheduleCommand({ GatewayARN: gatewayArn, BandwidthRateLimitIntervals: intervals }));
  const described = body(await sg.client.send(new DescribeBandwidthRateLimitScheduleCommand({ GatewayARN: gatewayArn })));
  assert.deepEqual(described, { GatewayARN: gatewayArn, BandwidthRateLimitIntervals: intervals });
  assert.deepEqual(outputProblems(model, 'DescribeBandwidthRateLimitSchedule', described), []);
  const overlapping = [intervals[0], { ...intervals[1], StartHourOfDay: 17, DaysOfWeek: [5, 6] }];
  await assert.rejects(sg.client.send(new UpdateBandwidthRateLimitScheduleCommand({ GatewayARN: gatewayArn, BandwidthRateLimitIntervals: overlapping })), errorCode('InvalidSchedule'));
  const reversed = [{ ...intervals[0], StartHourOfDay: 20, EndHourOfDay: 6 }];
  await assert.rejects(sg.client.send(new UpdateBandwidthRateLimitScheduleCommand({ GatewayARN: gatewayArn, BandwidthRateLimitIntervals: reversed })), errorCode('InvalidSchedule'));
  await assert.rejects(
    sg.client.send(new UpdateBandwidthRateLimitScheduleCommand({ GatewayARN: gatewayArn, BandwidthRateLimitIntervals: [{ ...intervals[0], DaysOfWeek: [7] }] })),
    (error: Error) => error.name === 'ValidationException',
  );
  const cleared = await sgCli(['update-bandwidth-rate-limit-schedule', '--bandwidth-rate-limit-intervals', '[]']);
  assert.equal(cleared.code, 0, cleared.stderr);
  assert.deepEqual(JSON.parse((await sgCli(['describe-bandwidth-rate-limit-schedule'])).stdout), { GatewayARN: gatewayArn, BandwidthRateLimitIntervals: [] });
});

test('maintenance start time: a default weekly window, weekly or monthly updates, one of the two required', async () => {
  const first = body(await sg.client.send(new DescribeMaintenanceStartTimeCommand({ GatewayARN: gatewayArn })));
  assert.deepEqual(outputProblems(model, 'DescribeMaintenanceStartTime', first), []);
  assert.equal(typeof first.DayOfWeek, 'number');
  assert.equal(first.Timezone, 'GMT');
  assert.deepEqual(body(await sg.client.send(new DescribeMaintenanceStartTimeCommand({ GatewayARN: gatewayArn }))), first, 'the default does not change between calls');
  const monthly = await sgCli(['update-maintenance-start-time', '--hour-of-day', '3', '--minute-of-hour', '30', '--day-of-month', '28']);
  assert.equal(monthly.code, 0, monthly.stderr);
  assert.deepEqual(JSON.parse((await sgCli(['describe-maintenance-start-time'])).stdout), { GatewayARN: gatewayArn, HourOfDay: 3, MinuteOfHour: 30, DayOfMonth: 28, Timezone: 'GMT' });
  await assert.rejects(sg.client.send(new UpdateMaintenanceStartTimeCommand({ GatewayARN: gatewayArn, HourOfDay: 3, MinuteOfHour: 0 })), errorCode('InvalidParameters'));
  await assert.rejects(sg.client.send(new UpdateMaintenanceStartTimeCommand({ GatewayARN: gatewayArn, HourOfDay: 3, MinuteOfHour: 0, DayOfWeek: 1, DayOfMonth: 1 })), errorCode('InvalidParameters'));
  await assert.rejects(sg.client.send(new UpdateMaintenanceStartTimeCommand({ GatewayARN: gatewayArn, HourOfDay: 24, MinuteOfHour: 0, DayOfWeek: 1 })), (error: Error) => error.name === 'ValidationException');
});

test('software updates: none pending at first, one offered later, installed by UpdateGatewaySoftwareNow; name and time zone', async () => {
  let client = sg.client;
  const info = async () => body(await client.send(new DescribeGatewayInformationCommand({ GatewayARN: gatewayArn })));
  const before = await info();
  assert.deepEqual(outputProblems(model, 'DescribeGatewayInformation', before), []);
  assert.match(before.LastSoftwareUpdate ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  assert.equal(before.NextUpdateAvailabilityDate, undefined);
  offset = 15 * 24 * 3600_000;
  client = new StorageGatewayClient({ endpoint: sg.lab.endpoint, region: sg.lab.region, credentials: { accessKeyId: sg.lab.accessKeyId, secretAccessKey: sg.lab.secretAccessKey }, maxAttempts: 1, systemClockOffset: offset });
  const offered = await info();
  assert.match(offered.NextUpdateAvailabilityDate ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  const updatedAt = Date.now() + offset;
  await client.send(new UpdateGatewaySoftwareNowCommand({ GatewayARN: gatewayArn }));
  const after = await info();
  assert.equal(after.NextUpdateAvailabilityDate, undefined);
  const installed = Date.parse(`${after.LastSoftwareUpdate ?? ''}Z`);
  assert.ok(Math.abs(installed - updatedAt) < 5000, `${after.LastSoftwareUpdate} is the lab time of the update`);
  await client.send(new UpdateGatewayInformationCommand({ GatewayARN: gatewayArn, GatewayName: 'renamed-gw', GatewayTimezone: 'GMT+9:00' }));
  const renamed = await info();
  assert.equal(renamed.GatewayName, 'renamed-gw');
  assert.equal(Date.parse(`${renamed.LastSoftwareUpdate ?? ''}Z`) - installed, 9 * 3600_000, 'dates read in the gateway time zone');
  await assert.rejects(client.send(new UpdateGatewayInformationCommand({ GatewayARN: gatewayArn, GatewayTimezone: 'CET' })), errorCode('InvalidParameters'));
  client.destroy();
  offset = 0;
});

test('a shut-down gateway refuses settings with GatewayNotConnected', async () => {
  await sg.client.send(new ShutdownGatewayCommand({ GatewayARN: gatewayArn }));
  try {
    await assert.rejects(sg.client.send(new DescribeBandwidthRateLimitCommand({ GatewayARN: gatewayArn })), errorCode('GatewayNotConnected'));
    await assert.rejects(sg.client.send(new UpdateGatewaySoftwareNowCommand({ GatewayARN: gatewayArn })), errorCode('GatewayNotConnected'));
  } finally {
    await sg.client.send(new StartGatewayCommand({ GatewayARN: gatewayArn }));
  }
});
