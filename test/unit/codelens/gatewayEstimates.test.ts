// Gateway cost estimate and disk check against AWS's published figures.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkGatewayDisks, estimateGatewayHourlyCost, formatUsdPerHour } from '../../../src/tape/gatewayEstimates';

test('m5.xlarge with two 165 GiB disks: $0.192/h plus 410 GiB of gp3', () => {
  const estimate = estimateGatewayHourlyCost('m5.xlarge', [165, 165]);
  assert.equal(estimate.diskGiB, 410);
  assert.ok(Math.abs(estimate.diskUsdPerHour - (410 * 0.08) / 730) < 1e-12);
  assert.ok(Math.abs((estimate.totalUsdPerHour ?? 0) - 0.2369) < 0.0001);
  assert.equal(formatUsdPerHour(estimate.totalUsdPerHour ?? 0), '$0.237/h');
});

test('an instance type without a rate on file has no total', () => {
  const estimate = estimateGatewayHourlyCost('c5.4xlarge', [165, 165]);
  assert.equal(estimate.instanceUsdPerHour, undefined);
  assert.equal(estimate.totalUsdPerHour, undefined);
});

test('disk check: minimum 150 GiB, 165 recommended, two disks needed', () => {
  assert.equal(checkGatewayDisks([165, 165]).verdict, 'ok');
  assert.equal(checkGatewayDisks([150, 165]).verdict, 'belowRecommended');
  assert.equal(checkGatewayDisks([8, 8]).verdict, 'belowMinimum');
  assert.match(checkGatewayDisks([8, 8]).summary, /below AWS's 150 GiB minimum/);
  assert.equal(checkGatewayDisks([165]).verdict, 'missingDisks');
  assert.equal(checkGatewayDisks([undefined, 165]).verdict, 'unknown');
});
