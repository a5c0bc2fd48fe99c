// Set Bandwidth Limits: the gateway's average upload and download rate limits (UpdateBandwidthRateLimit / DeleteBandwidthRateLimit).
import * as vscode from 'vscode';
import { formatRate, MIN_DOWNLOAD_BITS_PER_SECOND, MIN_UPLOAD_BITS_PER_SECOND, parseRate } from '../../tape/gatewaySettingsText';
import type { TapeGatewayCommand } from '../ExtensionServices';
import { Cancelled, connectedApis, resolveGateway } from './commandTargets';
import { runCommand } from './runCommand';

export const setBandwidthLimits: TapeGatewayCommand = {
  id: 'tapeGateway.setBandwidthLimits',
  run(services, target?: unknown) {
    return runCommand(services, 'Could not set the bandwidth limits', async () => {
      const apis = connectedApis(services);
      const gateway = await resolveGateway(services, apis, target, 'Set Bandwidth Limits', (g) => g.type === 'VTL');
      const settings = apis.storageGateway;
      const current = await settings.bandwidthLimits(gateway.gatewayArn);
      const ask = async (what: string, value: number | undefined, minimum: number) => {
        const text = await services.prompts.input({
          title: `Bandwidth limits of ${gateway.name}`,
          prompt: `Average ${what} rate limit (e.g. 10 Mbit/s; "none" for no limit; at least ${formatRate(minimum)})`,
          value: formatRate(value),
          validate: (typed) => {
            const parsed = parseRate(typed, minimum);
            return parsed.ok ? undefined : parsed.problem;
          },
        });
        if (text === undefined) throw new Cancelled();
        const parsed = parseRate(text, minimum);
        return parsed.ok ? parsed.value : undefined;
      };
      const upload = await ask('upload', current.uploadBitsPerSecond, MIN_UPLOAD_BITS_PER_SECOND);
      const download = await ask('download', current.downloadBitsPerSecond, MIN_DOWNLOAD_BITS_PER_SECOND);
      await settings.setBandwidthLimits(gateway.gatewayArn, { uploadBitsPerSecond: upload, downloadBitsPerSecond: download });
      void vscode.window.showInformationMessage(`${gateway.name}: upload limit ${formatRate(upload)}, download limit ${formatRate(download)}.`);
      return { gatewayArn: gateway.gatewayArn, upload, download };
    });
  },
};
