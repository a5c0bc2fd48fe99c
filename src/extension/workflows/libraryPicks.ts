// Quick picks over the library as `mtx status` shows it (slots, drives) and over the client's files (ls through the session).
import * as vscode from 'vscode';
import type { MtxStatus } from '../../tape/mtxStatus';
import { listDirectoryLine, parseDirectoryListing } from '../../tape/workflowSteps';
import { Cancelled } from './workflowContext';
import { WorkflowError } from './TapeWorkflows';

export async function pickFullSlot(status: MtxStatus, title: string): Promise<number> {
  const full = status.slots.filter((slot) => slot.full);
  if (full.length === 0) throw new WorkflowError('No slot holds a tape. Create a tape (it appears in an import/export slot) or unload one from a drive.');
  if (full.length === 1) return full[0]?.slot ?? 0;
  const picked = await vscode.window.showQuickPick(
    full.map((slot) => ({ label: slot.barcode ?? '(no barcode)', description: `slot ${slot.slot}${slot.importExport ? ' (import/export)' : ''}`, slot: slot.slot })),
    { title, placeHolder: 'Which tape?' },
  );
  if (!picked) throw new Cancelled();
  return picked.slot;
}

/** A drive among `allowed` (logged-in drives) that is full or empty as asked. */
export async function pickDrive(status: MtxStatus, allowed: readonly number[], wantFull: boolean, title: string): Promise<number> {
  const drives = status.drives.filter((drive) => allowed.includes(drive.drive) && drive.full === wantFull);
  if (drives.length === 0) {
    throw new WorkflowError(wantFull ? 'No connected drive holds a tape. Load a tape first.' : 'Every connected drive holds a tape. Unload one, or connect the library again with more drives.');
  }
  if (drives.length === 1) return drives[0]?.drive ?? 0;
  const picked = await vscode.window.showQuickPick(
    drives.map((drive) => ({ label: `Drive ${drive.drive}`, description: drive.full ? (drive.barcode ?? 'tape loaded') : 'empty', drive: drive.drive })),
    { title, placeHolder: 'Which drive?' },
  );
  if (!picked) throw new Cancelled();
  return picked.drive;
}

/** The slot holding a barcode. */
export function slotOf(status: MtxStatus, barcode: string): number {
  const slot = status.slots.find((candidate) => candidate.full && candidate.barcode === barcode);
  if (!slot) throw new WorkflowError(`Tape ${barcode} is not in a slot of the library. It may already be in a drive, archived, or not yet available.`);
  return slot.slot;
}

export function firstFreeSlot(status: MtxStatus, importExport: boolean): number | undefined {
  return status.slots.find((slot) => slot.importExport === importExport && !slot.full)?.slot;
}

const HOME = '/home/ssm-user';

/** Browses the client's folders with `ls` in the session; returns absolute paths (files or whole folders). */
export async function pickClientPaths(run: (command: string) => Promise<{ exitCode: number; output: string }>): Promise<string[]> {
  let directory = HOME;
  for (;;) {
    const listing = await run(listDirectoryLine(directory));
    if (listing.exitCode !== 0) throw new WorkflowError(`Could not list ${directory} on the client: ${listing.output.trim()}`);
    const entries = parseDirectoryListing(listing.output);
    type Item = vscode.QuickPickItem & { path: string; open?: boolean };
    const items: Item[] = [
      ...(directory !== '/' ? [{ label: '$(arrow-up) ..', path: directory.replace(/\/[^/]+$/, '') || '/', open: true, alwaysShow: true }] : []),
      ...entries.map((entry) => ({ label: `${entry.directory ? '$(folder)' : '$(file)'} ${entry.name}`, description: entry.directory ? 'folder (pick to write it all, or use the button to open)' : undefined, path: `${directory === '/' ? '' : directory}/${entry.name}`, buttons: entry.directory ? [{ iconPath: new vscode.ThemeIcon('folder-opened'), tooltip: 'Open folder' }] : [] })),
    ];
    const picked = await new Promise<Item[] | Item | undefined>((resolve) => {
      const pick = vscode.window.createQuickPick<Item>();
      pick.title = `Files on the client: ${directory}`;
      pick.placeholder = 'Pick the files and folders to write to tape, then press Enter';
      pick.canSelectMany = true;
      pick.items = items;
      pick.onDidTriggerItemButton((event) => {
        resolve(event.item);
        pick.hide();
      });
      pick.onDidAccept(() => {
        const selected = pick.selectedItems.filter((item) => !item.open);
        const up = pick.selectedItems.find((item) => item.open);
        resolve(selected.length > 0 ? [...selected] : up);
        pick.hide();
      });
      pick.onDidHide(() => {
        resolve(undefined);
        pick.dispose();
      });
      pick.show();
    });
    if (!picked) throw new Cancelled();
    if (!Array.isArray(picked)) {
      directory = picked.path;
      continue;
    }
    return picked.map((item) => item.path);
  }
}
