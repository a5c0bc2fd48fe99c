// Deletes an archived tape (DeleteTapeArchive); explains a retention lock when the pool refuses, and offers the governance bypass.
import * as vscode from 'vscode';
import { AwsFailure } from '../../aws/AwsFailure';
import type { ArchivedTape, TapePool } from '../../tape/model';
import type { TapeGatewayCommand } from '../ExtensionServices';
import { argsOf, Cancelled, connectedApis, resolveArchivedTape } from './commandTargets';
import { runCommand } from './runCommand';

/** A sentence about the retention lock that keeps a tape, or undefined if its pool has none. */
function retentionLockExplanation(tape: ArchivedTape, pool: TapePool | undefined): string | undefined {
  if (!pool || pool.retentionLockType === 'NONE') return undefined;
  const start = tape.retentionStartDate ?? tape.completionTime;
  const until = start ? new Date(start.getTime() + pool.retentionLockTimeInDays * 86_400_000) : undefined;
  const when = until ? ` until ${until.toISOString().slice(0, 10)}` : ` for ${pool.retentionLockTimeInDays} days after archiving`;
  if (pool.retentionLockType === 'COMPLIANCE') return `Tape ${tape.barcode} is in pool ${pool.name}, whose COMPLIANCE retention lock keeps it${when}; nobody can delete it before then, not even the root user.`;
  return `Tape ${tape.barcode} is in pool ${pool.name}, whose GOVERNANCE retention lock keeps it${when}; only a user with storagegateway:BypassGovernanceRetention can delete it earlier.`;
}

export const deleteArchivedTape: TapeGatewayCommand = {
  id: 'tapeGateway.deleteArchivedTape',
  run(services, target?: unknown) {
    return runCommand(services, 'Could not delete the archived tape', async () => {
      const apis = connectedApis(services);
      const args = argsOf(target);
      const tape = await resolveArchivedTape(services, apis, target, 'Delete Archived Tape', ['ARCHIVED']);
      if (tape.status !== 'ARCHIVED') throw new Error(`Tape ${tape.barcode} is ${tape.status}; cancel the retrieval or eject the retrieved copy first, so it is ARCHIVED.`);
      const pool = (await apis.storageGateway.listTapePools()).find((p) => p.poolId === tape.poolId);
      const lock = retentionLockExplanation(tape, pool);
      const detail = `${tape.barcode} is deleted from the archive for good. Archived tapes are billed for at least 90 days even when deleted earlier.${lock ? `\n\n${lock}` : ''}`;
      if (args.confirmed !== true && !(await services.prompts.confirm(`Delete archived tape ${tape.barcode}?`, detail, 'Delete Archived Tape'))) throw new Cancelled();
      try {
        await apis.storageGateway.deleteTapeArchive(tape.tapeArn, args.bypassGovernanceRetention === true);
      } catch (error) {
        if (!(error instanceof AwsFailure) || !lock) throw error;
        services.log.error(error.logLine());
        if (pool?.retentionLockType !== 'GOVERNANCE') throw new AwsFailure(`${lock} Delete it after the lock ends.`, error.code, error.requestId, error.operation);
        if (!(await services.prompts.confirm('Bypass the governance retention lock?', `${lock}\nRetry with BypassGovernanceRetention? It works only if your IAM policy allows storagegateway:BypassGovernanceRetention.`, 'Bypass and Delete'))) throw new Cancelled();
        await apis.storageGateway.deleteTapeArchive(tape.tapeArn, true);
      }
      services.explorer.refresh();
      void vscode.window.showInformationMessage(`Deleted archived tape ${tape.barcode}.`);
      return tape.tapeArn;
    });
  },
};
