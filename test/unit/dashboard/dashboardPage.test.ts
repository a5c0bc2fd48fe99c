// The dashboard page and its data: a CSP without eval or unnonced inline code, the bundle free of eval, quiet periods drawn as 0.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { dashboardHtml } from '../../../src/extension/dashboard/dashboardHtml';
import { fillCounterGaps } from '../../../src/extension/dashboard/dashboardMessages';

test('the page allows only its nonce and the webview source; every script and style carries the nonce', () => {
  const html = dashboardHtml({ title: 'Gateway <x>', scriptUri: 'https://webview/dist/dashboard.js', cspSource: 'https://webview', nonce: 'N0nce' });
  const csp = /content="([^"]+)"/.exec(html)?.[1] ?? '';
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'nonce-N0nce' https:\/\/webview;/);
  assert.doesNotMatch(csp, /unsafe-(eval|inline)/);
  for (const tag of html.match(/<(script|style)\b[^>]*>/g) ?? []) assert.match(tag, /nonce="N0nce"/);
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
  assert.match(html, /<title>Gateway &lt;x&gt;<\/title>/);
});

test('the built dashboard bundle (Chart.js included) has no eval or new Function', { skip: !existsSync(join(__dirname, '../../../dist/dashboard.js')) && 'run node .dev/build.mjs first' }, () => {
  const bundle = readFileSync(join(__dirname, '../../../dist/dashboard.js'), 'utf8');
  assert.doesNotMatch(bundle, /\beval\(|new Function\(/);
});

test('byte counters: every period from start to end, 0 where CloudWatch has no data point', () => {
  const data = { range: 'hour' as const, periodSeconds: 60, start: 0, end: 240_000, series: [] };
  assert.deepEqual(fillCounterGaps(data, { name: 'WriteBytes', unit: 'Bytes', points: [[60_000, 5], [180_000, 7]] }), [[0, 0], [60_000, 5], [120_000, 0], [180_000, 7]]);
});
