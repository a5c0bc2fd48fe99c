// The library view's model (from filtered mtx status + DescribeTapes) and its HTML: CSP with a nonce, escaping, buttons with labels.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { libraryHtml } from '../../../src/extension/libraryView/libraryHtml';
import { expandFilteredMtxStatus, toLibraryModel } from '../../../src/tape/libraryModel';
import { formatMtxStatus, type MtxStatus } from '../../../src/tape/mtxStatus';

function libraryStatus(): MtxStatus {
  return {
    device: '/dev/tape/by-path/x-changer',
    drives: Array.from({ length: 10 }, (_, drive) => (drive === 0 ? { drive, full: true, loadedFrom: 1, barcode: 'TESTD67E76' } : { drive, full: false })),
    slots: Array.from({ length: 3200 }, (_, index) => ({ slot: index + 1, importExport: index >= 1600, full: index === 1601, ...(index === 1601 ? { barcode: 'TEST0002' } : {}) })),
  };
}

describe('expandFilteredMtxStatus', () => {
  test('rebuilds the empty slots that `grep -v` dropped from the header counts', () => {
    const full = formatMtxStatus(libraryStatus());
    const filtered = full.split('\n').filter((line) => !/Storage Element .*:Empty/.test(line)).join('\n');
    assert.ok(filtered.length < 1000);
    const expanded = expandFilteredMtxStatus(filtered);
    assert.equal(expanded.slots.length, 3200);
    assert.equal(expanded.drives.length, 10);
    assert.deepEqual(expanded.slots[1601], { slot: 1602, importExport: true, full: true, barcode: 'TEST0002' });
    assert.deepEqual(expanded.slots[1600], { slot: 1601, importExport: true, full: false });
    assert.deepEqual(expanded.slots[0], { slot: 1, importExport: false, full: false });
    assert.deepEqual(expanded.drives[0], { drive: 0, full: true, loadedFrom: 1, barcode: 'TESTD67E76' });
  });
});

describe('toLibraryModel', () => {
  test('joins mtx positions with DescribeTapes states and counts free slots', () => {
    const model = toLibraryModel(libraryStatus(), [
      { barcode: 'TESTD67E76', status: 'AVAILABLE' },
      { barcode: 'TEST0002', status: 'AVAILABLE' },
      { barcode: 'TEST0003', status: 'CREATING' },
    ], new Set([0, 1]));
    assert.deepEqual(model.drives[0], { drive: 0, tape: { barcode: 'TESTD67E76', status: 'AVAILABLE' }, loadedFrom: 1, connected: true });
    assert.equal(model.drives[2]?.connected, false);
    assert.deepEqual(model.slots, [{ slot: 1602, importExport: true, tape: { barcode: 'TEST0002', status: 'AVAILABLE' } }]);
    assert.equal(model.freeStorage, 1600);
    assert.equal(model.freeImportExport, 1599);
    assert.equal(model.firstFreeStorage, 1);
    assert.equal(model.firstFreeImportExport, 1601);
    assert.deepEqual(model.elsewhere, [{ barcode: 'TEST0003', status: 'CREATING' }]);
  });
});

describe('libraryHtml', () => {
  const model = toLibraryModel(libraryStatus(), [{ barcode: 'TEST0002', status: 'AVAILABLE' }], new Set([0, 1]));
  const html = libraryHtml({ title: 'Library: <gw>', model, updated: '08:00:00' }, 'NONCE123', 'vscode-resource:');

  test('has a strict content security policy and only nonce-tagged scripts and styles', () => {
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src vscode-resource: 'nonce-NONCE123'; script-src 'nonce-NONCE123';">/);
    assert.equal((html.match(/<script/g) ?? []).length, (html.match(/<script nonce="NONCE123">/g) ?? []).length);
    assert.equal((html.match(/<style/g) ?? []).length, (html.match(/<style nonce="NONCE123">/g) ?? []).length);
    assert.doesNotMatch(html, /onclick=|style="/);
  });

  test('escapes names, draws 10 drives, and labels every action button', () => {
    assert.match(html, /<title>Library: &lt;gw&gt;<\/title>/);
    assert.equal((html.match(/class="cell drive /g) ?? []).length, 10);
    assert.match(html, /<button type="button" data-action="unload" data-drive="0" aria-label="Drive 0: tape TESTD67E76, UNKNOWN\. Unload it">/);
    assert.match(html, /data-action="load" data-slot="1602" data-drive="1" aria-label="Load tape TEST0002 from import\/export slot 1602 into drive 1"/);
    assert.match(html, /data-action="move" data-slot="1602" data-to-slot="1" aria-label="Move tape TEST0002 from slot 1602 to storage slot 1"/);
    for (const button of html.match(/<button [^>]*>/g) ?? []) assert.match(button, /type="button"/);
  });

  test('uses the theme\'s CSS variables', () => {
    assert.match(html, /var\(--vscode-button-background\)/);
    assert.match(html, /var\(--vscode-focusBorder\)/);
    assert.match(html, /var\(--vscode-foreground\)/);
  });

  test('offers to connect when the library is not connected', () => {
    const page = libraryHtml({ title: 'Library', model: undefined, updated: 'now' }, 'N', 'x:');
    assert.match(page, /<button type="button" data-action="connect">Connect Library<\/button>/);
  });
});
