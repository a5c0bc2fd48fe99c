// The dashboard page: a strict CSP (no eval, no inline script; the bundled script and one nonce'd style), themed by VS Code's variables.

export function dashboardHtml(options: { title: string; scriptUri: string; cspSource: string; nonce: string }): string {
  const { title, scriptUri, cspSource, nonce } = options;
  const csp = `default-src 'none'; img-src ${cspSource} data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}' ${cspSource}; font-src ${cspSource};`;
  const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
  const chart = (id: string, heading: string) => `<section><h2>${heading}</h2><div class="chart"><canvas id="chart-${id}" role="img" aria-label="${heading}"></canvas></div></section>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escape(title)}</title>
<style nonce="${nonce}">
  body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); padding: 0 16px 16px; }
  header { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
  h1 { font-size: 1.3em; margin-right: auto; }
  h2 { font-size: 1em; font-weight: 600; margin: 4px 0; }
  button { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); border: none; padding: 4px 10px; cursor: pointer; }
  button[aria-pressed="true"] { color: var(--vscode-button-foreground); background: var(--vscode-button-background); }
  .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(360px, 1fr)); gap: 16px; }
  section { border: 1px solid var(--vscode-editorWidget-border, transparent); padding: 8px; }
  .chart { position: relative; height: 220px; }
  .now { display: flex; gap: 24px; margin: 8px 0 16px; }
  .now div span { display: block; font-size: 1.6em; }
  #status { color: var(--vscode-descriptionForeground); }
  #status.error { color: var(--vscode-errorForeground); }
</style>
</head>
<body>
<header>
  <h1>${escape(title)}</h1>
  <button data-range="hour" aria-pressed="true">Last hour</button>
  <button data-range="day" aria-pressed="false">Last day</button>
  <button id="refresh">Refresh</button>
</header>
<p id="status">Loading metrics…</p>
<div class="now">
  <div>Cache used<span id="now-CachePercentUsed">–</span></div>
  <div>Cache dirty<span id="now-CachePercentDirty">–</span></div>
  <div>Upload buffer used<span id="now-UploadBufferPercentUsed">–</span></div>
</div>
<div class="grid">
  ${chart('cache', 'Cache')}
  ${chart('buffer', 'Upload buffer')}
  ${chart('tape', 'Tape traffic (bytes per period)')}
  ${chart('cloud', 'Cloud traffic (bytes per period)')}
</div>
<script nonce="${nonce}" src="${scriptUri}"></script>
</body>
</html>`;
}
