// Creates a custom tape pool: name, storage class, retention lock and its period (CreateTapePool; immutable afterwards).
import * as vscode from 'vscode';
import type { NewTapePool } from '../../aws/StorageGatewayApi';
import type { ExtensionServices, TapeGatewayCommand } from '../ExtensionServices';
import { argsOf, Cancelled, connectedApis } from './commandTargets';
import { poolNameProblem, requireValid, retentionDaysProblem } from './inputRules';
import { runCommand } from './runCommand';

const TITLE = 'Create Tape Pool';

async function pickOne<T extends string>(services: ExtensionServices, title: string, items: { label: T; description: string }[]): Promise<T> {
  const picked = await services.prompts.pick<T>(items.map((i) => ({ label: i.label, description: i.description, value: i.label })), { title });
  if (!picked) throw new Cancelled();
  return picked;
}

export const createTapePool: TapeGatewayCommand = {
  id: 'tapeGateway.createTapePool',
  run(services, target?: unknown) {
    return runCommand(services, 'Could not create the tape pool', async () => {
      const apis = connectedApis(services);
      const args = argsOf(target);
      let name = typeof args.name === 'string' ? args.name : await services.prompts.input({ title: `${TITLE}: name`, prompt: 'Pool name (1–100 characters, no / or \\)', validate: poolNameProblem });
      if (name === undefined) throw new Cancelled();
      name = name.trim();
      requireValid(poolNameProblem(name));
      const storageClass = (args.storageClass as NewTapePool['storageClass'] | undefined) ?? (await pickOne<NewTapePool['storageClass']>(services, `${TITLE}: storage class`, [
        { label: 'GLACIER', description: 'S3 Glacier Flexible Retrieval: retrieval in 3–5 hours' },
        { label: 'DEEP_ARCHIVE', description: 'S3 Glacier Deep Archive: cheaper, retrieval in about 12 hours, 180-day minimum' },
      ]));
      const retentionLockType = (args.retentionLockType as NewTapePool['retentionLockType'] | undefined) ?? (await pickOne<NewTapePool['retentionLockType']>(services, `${TITLE}: retention lock`, [
        { label: 'NONE', description: 'archived tapes can be deleted at any time' },
        { label: 'GOVERNANCE', description: 'only users allowed to bypass governance retention can delete early' },
        { label: 'COMPLIANCE', description: 'nobody can delete an archived tape before the period ends' },
      ]));
      let days: number | undefined;
      if (retentionLockType !== 'NONE') {
        const typed = args.retentionDays !== undefined ? String(args.retentionDays) : await services.prompts.input({ title: `${TITLE}: retention period`, prompt: 'Days an archived tape is locked (0–36500)', value: '90', validate: retentionDaysProblem });
        if (typed === undefined) throw new Cancelled();
        requireValid(retentionDaysProblem(typed));
        days = Number(typed.trim());
      }
      if (retentionLockType === 'COMPLIANCE' && args.confirmed !== true && !(await services.prompts.confirm(`Create pool ${name} with a COMPLIANCE lock?`, `Tapes archived in this pool cannot be deleted by anyone for ${days} days, and the pool's settings cannot be changed later.`, 'Create Pool'))) throw new Cancelled();
      const poolArn = await apis.storageGateway.createTapePool({ name, storageClass, retentionLockType, retentionLockTimeInDays: days });
      services.explorer.refresh();
      void vscode.window.showInformationMessage(`Created tape pool ${name} (${poolArn.split('/').pop()}).`);
      return poolArn;
    });
  },
};
