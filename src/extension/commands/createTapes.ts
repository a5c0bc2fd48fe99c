// Creates virtual tapes on a gateway: count, size in GiB, barcode prefix or one explicit barcode, pool and WORM, validated before any call.
import * as vscode from 'vscode';
import type { NewTapes } from '../../aws/StorageGatewayApi';
import { GIB } from '../../tape/limits';
import type { ExtensionServices, TapeGatewayCommand } from '../ExtensionServices';
import { argsOf, Cancelled, connectedApis, resolveGateway } from './commandTargets';
import { explicitBarcodeProblem, prefixProblem, requireValid, tapeCountProblem, tapeSizeGibProblem } from './inputRules';
import { runCommand } from './runCommand';

const TITLE = 'Create Tapes';

async function ask(services: ExtensionServices, given: unknown, options: { title: string; prompt: string; value?: string; validate: (v: string) => string | undefined }): Promise<string> {
  if (given !== undefined) {
    requireValid(options.validate(String(given)));
    return String(given);
  }
  const typed = await services.prompts.input(options);
  if (typed === undefined) throw new Cancelled();
  return typed.trim();
}

export const createTapes: TapeGatewayCommand = {
  id: 'tapeGateway.createTapes',
  run(services, target?: unknown) {
    return runCommand(services, 'Could not create tapes', async () => {
      const apis = connectedApis(services);
      const args = argsOf(target);
      const gateway = await resolveGateway(services, apis, target, `${TITLE}: gateway`);
      let mode = args.barcode !== undefined ? 'explicit' : args.prefix !== undefined || args.count !== undefined ? 'prefix' : undefined;
      mode ??= await services.prompts.pick(
        [
          { label: 'Generated barcodes', description: 'a prefix of 1–4 letters plus 6 hex digits, 1–10 tapes', value: 'prefix' },
          { label: 'One tape with a barcode I choose', description: '5–16 letters and digits', value: 'explicit' },
        ],
        { title: `${TITLE}: barcodes` },
      );
      if (!mode) throw new Cancelled();
      let barcode: NewTapes['barcode'];
      if (mode === 'explicit') {
        barcode = { explicit: (await ask(services, args.barcode, { title: `${TITLE}: barcode`, prompt: 'Barcode, e.g. BACKUP01 (A-Z, 0-9)', validate: explicitBarcodeProblem })).toUpperCase() };
      } else {
        const count = Number(await ask(services, args.count, { title: `${TITLE}: number of tapes`, prompt: 'How many tapes (1–10)?', value: '1', validate: tapeCountProblem }));
        const prefix = await ask(services, args.prefix, { title: `${TITLE}: barcode prefix`, prompt: 'Barcode prefix, 1–4 upper-case letters (e.g. TEST)', value: 'TEST', validate: prefixProblem });
        barcode = { prefix, count };
      }
      const sizeGib = Number(await ask(services, args.sizeGiB, { title: `${TITLE}: size`, prompt: 'Tape size in GiB (100 to 15360); you pay only for data written', value: '100', validate: tapeSizeGibProblem }));
      const poolId = typeof args.poolId === 'string' ? args.poolId : await pickPool(services, apis.storageGateway.listTapePools.bind(apis.storageGateway));
      const worm = typeof args.worm === 'boolean' ? args.worm : await pickWorm(services);
      const arns = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Creating tapes on ${gateway.name}…` }, () =>
        apis.storageGateway.createTapes({ gatewayArn: gateway.gatewayArn, sizeInBytes: sizeGib * GIB, poolId, worm, barcode }),
      );
      services.log.info(`Created ${arns.length} tape(s) on ${gateway.gatewayArn}: ${arns.map((a) => a.split('/').pop()).join(', ')}.`);
      services.explorer.refresh();
      void vscode.window.showInformationMessage(`Created ${arns.length} tape(s): ${arns.map((a) => a.split('/').pop()).join(', ')}. They appear in the import/export slots once AVAILABLE.`);
      return arns;
    });
  },
};

async function pickPool(services: ExtensionServices, listPools: () => Promise<{ poolId: string; name: string; storageClass: string; retentionLockType: string }[]>): Promise<string> {
  const pools = await listPools();
  const picked = await services.prompts.pick(
    [
      { label: 'GLACIER', description: 'S3 Glacier Flexible Retrieval: retrieval in 3–5 hours', value: 'GLACIER' },
      { label: 'DEEP_ARCHIVE', description: 'S3 Glacier Deep Archive: cheaper, retrieval in about 12 hours', value: 'DEEP_ARCHIVE' },
      ...pools.map((p) => ({ label: p.name, description: `${p.poolId} · ${p.storageClass}${p.retentionLockType === 'NONE' ? '' : ` · ${p.retentionLockType} retention lock`}`, value: p.poolId })),
    ],
    { title: `${TITLE}: pool the tapes archive to` },
  );
  if (!picked) throw new Cancelled();
  return picked;
}

async function pickWorm(services: ExtensionServices): Promise<boolean> {
  const picked = await services.prompts.pick(
    [
      { label: 'Normal tapes', description: 'data can be overwritten', value: 'no' },
      { label: 'WORM tapes', description: 'write once, read many: appends only, cannot be changed later', value: 'yes' },
    ],
    { title: `${TITLE}: write once?` },
  );
  if (!picked) throw new Cancelled();
  return picked === 'yes';
}
