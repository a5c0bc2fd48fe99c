// The library view's HTML: drives and slots as buttons, themed with VS Code's CSS variables, under a strict CSP with a nonce.
import type { LibraryModel, LibraryTape } from '../../tape/libraryModel';

export interface LibraryPage {
  readonly title: string;
  /** undefined: the library is not connected (only the Connect button and the tape list are drawn). */
  readonly model: LibraryModel | undefined;
  readonly problem?: string;
  readonly updated: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

function tapeLabel(tape: LibraryTape): string {
  return `<span class="barcode">${escapeHtml(tape.barcode)}</span><span class="state">${escapeHtml(tape.status)}</span>`;
}

function driveCell(drive: LibraryModel['drives'][number]): string {
  const name = `Drive ${drive.drive}`;
  const note = drive.connected ? '' : ' (not connected)';
  if (!drive.tape) {
    return `<li class="cell drive empty"><span class="name">${name}</span><span class="state">Empty${note}</span></li>`;
  }
  const label = `${name}: tape ${drive.tape.barcode}, ${drive.tape.status}. Unload it`;
  return `<li class="cell drive full"><span class="name">${name}</span><button type="button" data-action="unload" data-drive="${drive.drive}" aria-label="${escapeHtml(label)}">${tapeLabel(drive.tape)}</button>${drive.loadedFrom !== undefined ? `<span class="from">from slot ${drive.loadedFrom}</span>` : ''}</li>`;
}

function slotCell(model: LibraryModel, slot: LibraryModel['slots'][number]): string {
  const kind = slot.importExport ? 'Import/export slot' : 'Storage slot';
  const emptyDrive = model.drives.find((drive) => drive.connected && !drive.tape);
  const load = emptyDrive
    ? `<button type="button" data-action="load" data-slot="${slot.slot}" data-drive="${emptyDrive.drive}" aria-label="${escapeHtml(`Load tape ${slot.tape.barcode} from ${kind.toLowerCase()} ${slot.slot} into drive ${emptyDrive.drive}`)}">Load</button>`
    : '';
  const target = slot.importExport ? model.firstFreeStorage : model.firstFreeImportExport;
  const moveText = slot.importExport ? 'To storage' : 'Archive';
  const move = target !== undefined
    ? `<button type="button" class="secondary" data-action="move" data-slot="${slot.slot}" data-to-slot="${target}" aria-label="${escapeHtml(`Move tape ${slot.tape.barcode} from slot ${slot.slot} to ${slot.importExport ? 'storage' : 'import/export'} slot ${target}${slot.importExport ? '' : ', which archives it'}`)}">${moveText}</button>`
    : '';
  return `<li class="cell slot"><span class="name">${kind} ${slot.slot}</span>${tapeLabel(slot.tape)}<span class="actions">${load}${move}</span></li>`;
}

/** The part of the page that changes on refresh (sent with postMessage so focus survives). */
export function libraryBodyHtml(page: LibraryPage): string {
  const model = page.model;
  const sections = model
    ? `<section aria-labelledby="drives-title"><h2 id="drives-title">Drives</h2><ol class="grid drives">${model.drives.map(driveCell).join('')}</ol></section>
<section aria-labelledby="io-title"><h2 id="io-title">Import/export slots</h2><ol class="grid">${model.slots.filter((slot) => slot.importExport).map((slot) => slotCell(model, slot)).join('')}</ol><p class="free">${model.freeImportExport} empty import/export slots. Moving a tape here archives it.</p></section>
<section aria-labelledby="storage-title"><h2 id="storage-title">Storage slots</h2><ol class="grid">${model.slots.filter((slot) => !slot.importExport).map((slot) => slotCell(model, slot)).join('')}</ol><p class="free">${model.freeStorage} empty storage slots.</p></section>
${model.elsewhere.length > 0 ? `<section aria-labelledby="other-title"><h2 id="other-title">Not in the library</h2><ul class="plain">${model.elsewhere.map((tape) => `<li>${tapeLabel(tape)}</li>`).join('')}</ul></section>` : ''}`
    : `<p>The library is not connected on a client instance yet.</p><button type="button" data-action="connect">Connect Library</button>`;
  return `<p class="state" role="status" aria-live="polite">Updated ${escapeHtml(page.updated)}</p>
${page.problem ? `<p class="problem" role="alert">${escapeHtml(page.problem)}</p>` : ''}
${sections}`;
}

export function libraryHtml(page: LibraryPage, nonce: string, cspSource: string): string {
  const csp = `default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(page.title)}</title>
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 1rem 1rem; }
h1 { font-size: 1.3em; } h2 { font-size: 1.05em; margin-top: 1.2em; }
.toolbar { display: flex; gap: .5rem; align-items: center; }
.grid { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: .5rem; }
.cell { border: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent)); border-radius: 4px; padding: .5rem; display: flex; flex-direction: column; gap: .25rem; background: var(--vscode-sideBar-background); }
.drive.full { border-color: var(--vscode-focusBorder); }
.name { font-weight: 600; } .state, .from, .free { color: var(--vscode-descriptionForeground); font-size: .9em; }
.barcode { font-family: var(--vscode-editor-font-family); display: block; }
.actions { display: flex; gap: .25rem; flex-wrap: wrap; }
button { font: inherit; color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: 1px solid var(--vscode-button-border, transparent); border-radius: 2px; padding: .2rem .6rem; cursor: pointer; text-align: left; }
button:hover { background: var(--vscode-button-hoverBackground); }
button.secondary { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); }
button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
.problem { color: var(--vscode-errorForeground); }
.plain { list-style: none; padding: 0; }
</style></head>
<body>
<header class="toolbar"><h1>${escapeHtml(page.title)}</h1><button type="button" class="secondary" data-action="refresh" aria-label="Refresh the library">Refresh</button></header>
<main id="library">${libraryBodyHtml(page)}</main>
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
vscode.postMessage({ action: 'ready' });
document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button[data-action]') : null;
  if (!button) return;
  const data = button.dataset;
  vscode.postMessage({ action: data.action, slot: data.slot ? Number(data.slot) : undefined, drive: data.drive ? Number(data.drive) : undefined, toSlot: data.toSlot ? Number(data.toSlot) : undefined });
});
window.addEventListener('message', (event) => {
  const message = event.data;
  if (!message || message.type !== 'render') return;
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement.dataset : undefined;
  const key = focused && focused.action ? [focused.action, focused.slot, focused.drive].join(':') : undefined;
  document.getElementById('library').innerHTML = message.html;
  if (!key) return;
  for (const button of document.querySelectorAll('button[data-action]')) {
    if ([button.dataset.action, button.dataset.slot, button.dataset.drive].join(':') === key) { button.focus(); break; }
  }
});
</script>
</body></html>`;
}
