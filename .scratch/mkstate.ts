import { ActivateGatewayCommand, AddCacheCommand, CreateTapesCommand, StorageGatewayClient } from '@aws-sdk/client-storage-gateway';
import { LabProcess } from '/work/wt-16/test/bench/support/labProcess';
async function main() {
  const dir = process.argv[2] ?? '';
  const lab = await LabProcess.start(dir);
  const r = lab.ready;
  const client = new StorageGatewayClient({ endpoint: r.endpoint, region: r.region, credentials: { accessKeyId: r.accessKeyId, secretAccessKey: r.secretAccessKey }, maxAttempts: 1 });
  const times: number[] = [];
  for (let g = 0; g < 10; g++) {
    const created = await fetch(`${r.endpoint}/_lab/appliances`, { method: 'POST', body: '{}' });
    const appliance = (await created.json()) as { activationUrl: string };
    const key = await (await fetch(`${appliance.activationUrl}?activationRegion=${r.region}&no_redirect`)).text();
    const { GatewayARN = '' } = await client.send(new ActivateGatewayCommand({ ActivationKey: key, GatewayName: `g${g}`, GatewayTimezone: 'GMT', GatewayRegion: r.region, GatewayType: 'VTL' }));
    await client.send(new AddCacheCommand({ GatewayARN, DiskIds: ['/dev/nvme1n1'] }));
    for (let c = 0; c < 150; c++) { const s = performance.now(); await client.send(new CreateTapesCommand({ GatewayARN, TapeSizeInBytes: 100 * 1024 ** 3, ClientToken: `t-${g}-${c}`, NumTapesToCreate: 10, TapeBarcodePrefix: `SC${String.fromCharCode(65 + g)}` })); times.push(performance.now() - s); }
  }
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  for (let k = 0; k < 1500; k += 150) console.log(k * 10, med(times.slice(k, k + 150)).toFixed(2));
  client.destroy();
  await lab.stop();
}
void main();
