// Unit tests of the prompts' input rules and the deploy cost estimate (pure code under src/extension/commands).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateStackCost, formatCostEstimate } from '../../../src/extension/commands/deployCostEstimate';
import { explicitBarcodeProblem, gatewayNameProblem, poolNameProblem, prefixProblem, retentionDaysProblem, stackNameProblem, tapeCountProblem, tapeSizeGibProblem, timezoneProblem } from '../../../src/extension/commands/inputRules';

test('tape counts are 1 to 10', () => {
  for (const ok of ['1', '10', ' 3 ']) assert.equal(tapeCountProblem(ok), undefined, ok);
  for (const bad of ['0', '11', '2.5', '', 'three', '-1']) assert.match(tapeCountProblem(bad) ?? '', /whole number from 1 to 10/, bad);
});

test('tape sizes are whole GiB from 100 to 15360', () => {
  for (const ok of ['100', '15360', '2048']) assert.equal(tapeSizeGibProblem(ok), undefined, ok);
  assert.match(tapeSizeGibProblem('99') ?? '', /at least 100 GiB/);
  assert.match(tapeSizeGibProblem('15361') ?? '', /at most 15360 GiB/);
  assert.match(tapeSizeGibProblem('100.5') ?? '', /whole number of GiB/);
  assert.match(tapeSizeGibProblem('abc') ?? '', /number of GiB/);
});

test('barcodes, prefixes, names, time zones, stack names and retention days follow the API rules', () => {
  assert.equal(prefixProblem('TST'), undefined);
  for (const bad of ['', 'te', 'TEST1', 'ABCDE']) assert.ok(prefixProblem(bad), bad);
  assert.equal(explicitBarcodeProblem('LABWORM01'), undefined);
  for (const bad of ['ab', 'ABCD', 'lower12', 'A'.repeat(17), 'BAD!1']) assert.ok(explicitBarcodeProblem(bad), bad);
  assert.equal(gatewayNameProblem('lab-gateway'), undefined);
  for (const bad of ['x', 'a/b', 'a\\b', '   ', 'x'.repeat(256)]) assert.ok(gatewayNameProblem(bad), bad);
  assert.equal(poolNameProblem('p'), undefined);
  assert.ok(poolNameProblem(''));
  for (const ok of ['GMT', 'GMT-8:00', 'GMT+10:30']) assert.equal(timezoneProblem(ok), undefined, ok);
  for (const bad of ['PST', 'GMT+8', 'UTC']) assert.ok(timezoneProblem(bad), bad);
  assert.equal(stackNameProblem('tape-gateway-lab'), undefined);
  for (const bad of ['1bad', 'has_underscore', '']) assert.ok(stackNameProblem(bad), bad);
  assert.equal(retentionDaysProblem('0'), undefined);
  for (const bad of ['-1', '36501', 'x']) assert.ok(retentionDaysProblem(bad), bad);
});

test('the default stack costs about $0.27-0.29 an hour on AWS (us-east-1 on-demand prices)', () => {
  const estimate = estimateStackCost(new Map(), 'us-east-1');
  assert.ok(estimate.hourly > 0.25 && estimate.hourly < 0.3, String(estimate.hourly));
  assert.ok(Math.abs(estimate.daily - estimate.hourly * 24) < 1e-9);
  const text = formatCostEstimate(estimate);
  assert.match(text, /Gateway instance m5\.xlarge: \$0\.192\/h/);
  assert.match(text, /Tear Down/);
  assert.doesNotMatch(text, /20–30 %/);
});

test('parameters change the estimate, and other regions get a warning', () => {
  const small = estimateStackCost(new Map([['GatewayInstanceType', 'm5a.xlarge'], ['CreateEc2MessagesEndpoint', 'false']]), 'ap-northeast-1');
  const big = estimateStackCost(new Map([['GatewayInstanceType', 'm5.2xlarge'], ['CacheDiskSizeGiB', '2000']]), 'us-east-1');
  assert.ok(small.hourly < big.hourly);
  assert.match(small.lines[2]?.item ?? '', /^3 interface/);
  assert.match(small.notes[0] ?? '', /ap-northeast-1 can cost/);
});
