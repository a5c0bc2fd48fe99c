// Activates a Tape Gateway: fetches the activation key, asks name, time zone and changer type, calls ActivateGateway, waits until it answers.
import * as vscode from 'vscode';
import { storageGatewayErrorCode } from '../../aws/callAws';
import { MEDIUM_CHANGER_TYPES, TAPE_DRIVE_TYPES } from '../../tape/devices';
import type { ExtensionServices, TapeGatewayCommand } from '../ExtensionServices';
import { fetchActivationKey } from './activationKeySource';
import { argsOf, Cancelled, connectedApis } from './commandTargets';
import { gatewayNameProblem, requireValid, timezoneProblem } from './inputRules';
import { runCommand } from './runCommand';

const TITLE = 'Activate Gateway';

/** "GMT+2:00" for the local offset of this machine. */
function localGmtOffset(date = new Date()): string {
  const minutes = -date.getTimezoneOffset();
  if (minutes === 0) return 'GMT';
  const abs = Math.abs(minutes);
  return `GMT${minutes > 0 ? '+' : '-'}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`;
}

async function askTimezone(services: ExtensionServices): Promise<string> {
  const local = localGmtOffset();
  const common = [local, 'GMT', 'GMT-8:00', 'GMT-5:00', 'GMT+1:00', 'GMT+9:00'].filter((v, i, all) => all.indexOf(v) === i);
  const picked = await services.prompts.pick([...common.map((tz) => ({ label: tz, description: tz === local ? 'this computer' : undefined, value: tz })), { label: 'Other…', value: 'other' }], { title: `${TITLE}: time zone` });
  if (!picked) throw new Cancelled();
  if (picked !== 'other') return picked;
  const typed = await services.prompts.input({ title: `${TITLE}: time zone`, prompt: 'GMT offset, e.g. GMT-3:30', validate: timezoneProblem });
  if (typed === undefined) throw new Cancelled();
  return typed.trim();
}

export const activateGateway: TapeGatewayCommand = {
  id: 'tapeGateway.activateGateway',
  run(services, target?: unknown) {
    return runCommand(services, 'Could not activate the gateway', async () => {
      const apis = connectedApis(services);
      const args = argsOf(target);
      const region = apis.clients.target.region;
      const key = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Getting the activation key from the gateway…' }, () => fetchActivationKey(services, apis, target));
      services.log.info(`Got an activation key from ${key.source}.`);
      let name = typeof args.name === 'string' ? args.name : await services.prompts.input({ title: `${TITLE}: name`, prompt: 'Gateway name', value: 'tape-gateway', validate: gatewayNameProblem });
      if (name === undefined) throw new Cancelled();
      name = name.trim();
      requireValid(gatewayNameProblem(name));
      const timezone = typeof args.timezone === 'string' ? args.timezone : await askTimezone(services);
      requireValid(timezoneProblem(timezone));
      const mediumChangerType = typeof args.mediumChangerType === 'string' ? args.mediumChangerType : await services.prompts.pick(
        MEDIUM_CHANGER_TYPES.map((t) => ({ label: t, description: t === 'AWS-Gateway-VTL' ? 'recommended' : 'for backup software that expects this library', value: t as string })),
        { title: `${TITLE}: medium changer type` },
      );
      if (!mediumChangerType) throw new Cancelled();
      if (!(MEDIUM_CHANGER_TYPES as readonly string[]).includes(mediumChangerType)) throw new Error(`The medium changer type must be one of ${MEDIUM_CHANGER_TYPES.join(', ')}.`);
      // IBM-ULT3580-TD5 is the only tape drive type Storage Gateway offers.
      const tapeDriveType = TAPE_DRIVE_TYPES[0];
      const gatewayArn = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Activating ${name}…` }, async () => {
        const arn = await apis.storageGateway.activateGateway({ activationKey: key.key, name, timezone, region, tapeDriveType, mediumChangerType });
        await waitUntilConnected(apis.storageGateway.describeGateway.bind(apis.storageGateway), arn);
        return arn;
      });
      services.explorer.refresh();
      void vscode.window.showInformationMessage(`Activated ${name}. Next: "Configure Disks" to allocate cache and upload buffer.`);
      return gatewayArn;
    });
  },
};

/** After ActivateGateway the gateway connects asynchronously; an InvalidGatewayRequestException with errorCode GatewayNotConnected means "not yet". */
async function waitUntilConnected(describe: (arn: string) => Promise<unknown>, arn: string): Promise<void> {
  for (let attempt = 0; attempt < 30; attempt += 1) {
    try {
      await describe(arn);
      return;
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      if (storageGatewayErrorCode(cause ?? error) !== 'GatewayNotConnected' && !/not connected/i.test(String((error as Error).message))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}
