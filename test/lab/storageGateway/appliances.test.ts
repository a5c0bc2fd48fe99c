// Appliances: the loopback admin routes, the simulated network a client host curls through, and finding libraries by portal.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ActivateGatewayCommand, AddCacheCommand, CreateTapesCommand, ListTapesCommand } from '@aws-sdk/client-storage-gateway';
import { eventually, startSgLab, type SgLab } from './sgLabFixture';

let sg: SgLab;

before(async () => {
  sg = await startSgLab();
});
after(() => sg.lab.stop());

async function admin(method: string, path: string, body?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${sg.lab.endpoint}${path}`, { method, body, headers: { authorization: `Bearer ${sg.lab.adminToken}`, ...(method === 'GET' ? {} : { 'content-type': 'application/json' }) } });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

test('POST /_lab/appliances creates an appliance; GET lists it; bad bodies and unknown routes are refused with guidance', async () => {
  const created = await admin('POST', '/_lab/appliances', JSON.stringify({ diskSizesInBytes: [161061273600, 161061273600, 161061273600] }));
  assert.equal(created.status, 201);
  assert.match(String(created.json.instanceId), /^i-0[0-9a-f]{16}$/);
  assert.match(String(created.json.privateIp), /^10\.\d+\.\d+\.\d+$/);
  assert.match(String(created.json.privateDnsName), /^ip-10-\d+-\d+-\d+\.ec2\.internal$/);
  assert.match(String(created.json.activationUrl), /^http:\/\/127\.0\.0\.1:\d+\/$/);
  const listed = await admin('GET', '/_lab/appliances');
  assert.ok((listed.json.appliances as { instanceId: string }[]).some((a) => a.instanceId === created.json.instanceId));
  assert.equal((await admin('POST', '/_lab/appliances', '{"diskSizesInBytes":"big"}')).status, 400);
  assert.equal((await admin('POST', '/_lab/appliances', '{nope')).status, 400);
  const unknown = await admin('GET', '/_lab/nothing');
  assert.equal(unknown.status, 404);
  assert.match(String(unknown.json.message), /POST \/_lab\/appliances/);
});

test('a client host reaches the activation page by private IP or DNS name; once activated, the library is found by portal', async () => {
  const appliance = await sg.lab.admin.createGatewayAppliance();
  const byName = await sg.lab.network.httpGet(`http://${appliance.privateDnsName}/?gatewayType=VTL&activationRegion=us-east-1&no_redirect`);
  assert.equal(byName?.status, 200);
  const byIp = await sg.lab.network.httpGet(`http://${appliance.privateIp}/?activationRegion=us-east-1`);
  assert.equal(byIp?.status, 302);
  assert.match(byIp?.headers.location ?? '', /activationKey=[A-Z0-9-]{29}$/);
  assert.equal(await sg.lab.network.httpGet(`http://${appliance.privateIp}:8080/?activationRegion=us-east-1`), undefined);
  assert.equal(await sg.lab.network.httpGet('http://10.255.255.1/?activationRegion=us-east-1'), undefined);
  assert.equal(sg.lab.libraries.byPortal(appliance.privateIp), undefined);

  const { GatewayARN = '' } = await sg.client.send(new ActivateGatewayCommand({ ActivationKey: byName?.body, GatewayName: 'vpc', GatewayTimezone: 'GMT', GatewayRegion: 'us-east-1', GatewayType: 'VTL' }));
  assert.equal(await sg.lab.network.httpGet(`http://${appliance.privateIp}/?activationRegion=us-east-1&no_redirect`), undefined, 'port 80 closes after activation');
  for (const portal of [appliance.privateIp, `${appliance.privateIp}:3260`, appliance.privateDnsName.toUpperCase()]) {
    assert.equal(sg.lab.libraries.byPortal(portal)?.gatewayArn, GatewayARN, portal);
  }
  const library = sg.lab.libraries.byGatewayArn(GatewayARN);
  assert.deepEqual([library?.gatewayId, library?.mediumChangerType, library?.tapeDriveType], [GatewayARN.split('/')[1], 'AWS-Gateway-VTL', 'IBM-ULT3580-TD5']);
  assert.equal(library?.elements().length, 3210);

  await sg.client.send(new AddCacheCommand({ GatewayARN, DiskIds: ['/dev/nvme1n1'] }));
  const { TapeARNs = [] } = await sg.client.send(new CreateTapesCommand({ GatewayARN, TapeSizeInBytes: 107374182400, ClientToken: 'vpc-1', NumTapesToCreate: 1, TapeBarcodePrefix: 'VPC' }));
  const barcode = TapeARNs[0]?.split('/')[1] ?? '';
  await eventually(async () => ((await sg.client.send(new ListTapesCommand({ TapeARNs }))).TapeInfos?.[0]?.TapeStatus === 'AVAILABLE' ? true : undefined));
  const ejected = await admin('POST', `/_lab/tapes/${barcode}/eject`);
  assert.deepEqual([ejected.status, ejected.json.barcode], [200, barcode]);
  assert.ok(['IN TRANSIT TO VTS', 'ARCHIVING', 'ARCHIVED'].includes(String(ejected.json.status)));
  const again = await admin('POST', `/_lab/tapes/${barcode}/eject`);
  assert.ok([404, 409].includes(again.status));
  assert.equal((await admin('POST', '/_lab/tapes/NOSUCH1/eject')).status, 404);
});
