// Edit Bandwidth Schedule: up to 20 intervals with their own limits, typed one per line (UpdateBandwidthRateLimitSchedule).
import * as vscode from 'vscode';
import { formatInterval, parseInterval } from '../../tape/gatewaySettingsText';
import type { BandwidthInterval } from '../../tape/model';
import type { TapeGatewayCommand } from '../ExtensionServices';
import { Cancelled, connectedApis, resolveGateway } from './commandTargets';
import { runCommand } from './runCommand';

/** Intervals are typed separated by ";" (a quick input has one line). */
function parseSchedule(text: string): { intervals: BandwidthInterval[] } | { problem: string } {
  const parts = text.split(';').map((part) => part.trim()).filter((part) => part.length > 0);
  if (parts.length > 20) return { problem: 'A schedule has at most 20 intervals.' };
  const intervals: BandwidthInterval[] = [];
  for (const [index, part] of parts.entries()) {
    const parsed = parseInterval(part);
    if (!parsed.ok) return { problem: `Interval ${index + 1}: ${parsed.problem}` };
    intervals.push(parsed.value);
  }
  return { intervals };
}

export const editBandwidthSchedule: TapeGatewayCommand = {
  id: 'tapeGateway.editBandwidthSchedule',
  run(services, target?: unknown) {
    return runCommand(services, 'Could not change the bandwidth schedule', async () => {
      const apis = connectedApis(services);
      const gateway = await resolveGateway(services, apis, target, 'Edit Bandwidth Schedule', (g) => g.type === 'VTL');
      const settings = apis.storageGateway;
      const current = await settings.bandwidthSchedule(gateway.gatewayArn);
      const text = await services.prompts.input({
        title: `Bandwidth schedule of ${gateway.name}`,
        prompt: 'Intervals separated by ";", e.g. "Mon-Fri 08:00-17:59 up=10Mbit; Sat-Sun 00:00-23:59 up=100Mbit down=200Mbit" (gateway time zone). Empty clears the schedule.',
        value: current.map(formatInterval).join('; '),
        validate: (typed) => {
          const parsed = parseSchedule(typed);
          return 'problem' in parsed ? parsed.problem : undefined;
        },
      });
      if (text === undefined) throw new Cancelled();
      const parsed = parseSchedule(text);
      if ('problem' in parsed) throw new Error(parsed.problem);
      await settings.setBandwidthSchedule(gateway.gatewayArn, parsed.intervals);
      void vscode.window.showInformationMessage(parsed.intervals.length === 0 ? `${gateway.name}: bandwidth schedule cleared.` : `${gateway.name}: bandwidth schedule with ${parsed.intervals.length} interval(s) saved.`);
      return { gatewayArn: gateway.gatewayArn, intervals: parsed.intervals };
    });
  },
};
