// Pure tape rules shared by the lab and the extension: limits table, barcodes, ARNs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { barcodeOfTapeArn, gatewayArn, mediumChangerDeviceArn, mediumChangerTargetName, parseStorageGatewayArn, tapeArn, tapeDriveDeviceArn, tapeDriveTargetName, tapePoolArn } from '../../../src/tape/arns';
import { barcodePrefixProblem, barcodeProblem, generatedBarcode, isValidBarcode, isValidBarcodePrefix } from '../../../src/tape/barcode';
import { GIB, TAPE_GATEWAY_LIMITS, TIB, tapeSizeProblem } from '../../../src/tape/limits';

test('tape sizes: 100 GiB to 15 TiB in whole GiB', () => {
  assert.equal(tapeSizeProblem(100 * GIB), undefined);
  assert.equal(tapeSizeProblem(15 * TIB), undefined);
  assert.equal(tapeSizeProblem(GIB), 'tooSmall');
  assert.equal(tapeSizeProblem(99 * GIB), 'tooSmall');
  assert.equal(tapeSizeProblem(15 * TIB + GIB), 'tooLarge');
  assert.equal(tapeSizeProblem(100 * GIB + 1), 'notWholeGib');
  assert.equal(TAPE_GATEWAY_LIMITS.maxTapesPerLibrary, 1500);
});

test('barcodes: 5-16 of A-Z0-9; prefixes: 1-4 of A-Z', () => {
  assert.ok(isValidBarcode('TEST38A29D'));
  assert.ok(!isValidBarcode('ABCD'));
  assert.ok(!isValidBarcode('ABCDEFGHIJKLMNOPQ'));
  assert.ok(!isValidBarcode('test1'));
  assert.ok(isValidBarcodePrefix('AMZN'));
  assert.ok(!isValidBarcodePrefix('AMZN1'));
  assert.ok(!isValidBarcodePrefix(''));
  assert.ok(!isValidBarcodePrefix('TEST1'.slice(0, 4).toLowerCase()));
  assert.match(barcodeProblem('x') ?? '', /5 to 16 characters/);
  assert.match(barcodePrefixProblem('1') ?? '', /1 to 4 upper-case letters/);
  assert.equal(generatedBarcode('TEST', '38a29dff'), 'TEST38A29D');
});

test('ARNs, device ARNs and iSCSI target names follow the spec', () => {
  const gw = gatewayArn('us-east-1', '123456789012', 'sgw-12A3456B');
  assert.equal(gw, 'arn:aws:storagegateway:us-east-1:123456789012:gateway/sgw-12A3456B');
  assert.equal(tapeArn('cn-north-1', '123456789012', 'TEST1'), 'arn:aws-cn:storagegateway:cn-north-1:123456789012:tape/TEST1');
  assert.equal(tapePoolArn('us-east-1', '123456789012', 'pool-1234ABCD'), 'arn:aws:storagegateway:us-east-1:123456789012:tapepool/pool-1234ABCD');
  assert.equal(tapeDriveDeviceArn(gw, 'sgw-12A3456B', 1), `${gw}/device/AMZN_SGW-12A3456B_TAPEDRIVE_00001`);
  assert.equal(tapeDriveDeviceArn(gw, 'sgw-12A3456B', 10), `${gw}/device/AMZN_SGW-12A3456B_TAPEDRIVE_00010`);
  assert.equal(mediumChangerDeviceArn(gw, 'sgw-12A3456B'), `${gw}/device/AMZN_SGW-12A3456B_MEDIACHANGER_00001`);
  assert.equal(tapeDriveTargetName('sgw-3C52BB55', 9), 'iqn.1997-05.com.amazon:sgw-3c52bb55-tapedrive-09');
  assert.equal(mediumChangerTargetName('sgw-3C52BB55'), 'iqn.1997-05.com.amazon:sgw-3c52bb55-mediachanger');
  assert.equal(barcodeOfTapeArn('arn:aws:storagegateway:us-east-1:123456789012:tape/TEST38A29D'), 'TEST38A29D');
  assert.equal(barcodeOfTapeArn('arn:aws:storagegateway:us-east-1:123456789012:tape/test'), undefined);
  assert.equal(parseStorageGatewayArn(`${gw}/device/X`)?.resourcePath, 'sgw-12A3456B/device/X');
});
