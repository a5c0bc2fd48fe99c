// `npm run package`: production bundles, the README as the package carries it, then `vsce package` (extra args pass through).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, resolve } from 'node:path';
import { marked } from 'marked';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
/** The README the package carries; vsce renames it to extension/readme.md inside the .vsix. */
export const PACKAGED_README = 'dist/README.md';

// VS Code's extension details page renders the README in a webview whose Content-Security-Policy is
// `img-src https: data:` and which has no base URL, so a relative image shows broken even when the
// file is in the installed extension. This project has no public repository to point https links at,
// so the packaged README carries each image inline as a data: URL (PNG, JPEG or GIF; VS Code refuses
// SVG data URLs). The repository's README keeps its relative links.
const IMAGE_TYPES = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif' };

function isRelative(href) {
  return !/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith('#') && !href.startsWith('//');
}

/** The repository's README rewritten for the package: images inline, links into the source tree as plain text. */
export function packagedReadme(markdown, root) {
  const replacements = new Map();
  marked.walkTokens(marked.lexer(markdown), (token) => {
    if (token.type === 'image' && isRelative(token.href)) {
      const file = join(root, decodeURI(token.href));
      const type = IMAGE_TYPES[extname(file).toLowerCase()];
      if (!type) throw new Error(`README.md shows ${token.href}; the package can inline only PNG, JPEG or GIF images. Convert it to PNG and link that.`);
      if (!existsSync(file)) throw new Error(`README.md shows ${token.href}, which does not exist. Fix the link or add the file.`);
      const data = readFileSync(file).toString('base64');
      replacements.set(token.raw, `![${token.text}](data:${type};base64,${data})`);
    } else if (token.type === 'link' && isRelative(token.href)) {
      // The package holds no source tree, and the details page opens only http(s), mailto and command links.
      replacements.set(token.raw, token.text);
    }
  });
  if (/<img\s[^>]*src=["'](?![a-z][a-z0-9+.-]*:)/i.test(markdown)) {
    throw new Error('README.md has an HTML <img> with a relative src; write it as a Markdown image (![alt](path)) so the package can inline it.');
  }
  let out = markdown;
  for (const [raw, replacement] of replacements) out = out.split(raw).join(replacement);
  return out;
}

function run(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function main() {
  // Only what this run builds goes into the package: no bundle or map left over from an earlier layout.
  mkdirSync(DIST, { recursive: true });
  for (const name of readdirSync(DIST)) {
    const path = join(DIST, name);
    if (statSync(path).isFile()) rmSync(path);
  }
  run(process.execPath, ['.dev/build.mjs', '--production']);
  writeFileSync(join(ROOT, PACKAGED_README), packagedReadme(readFileSync(join(ROOT, 'README.md'), 'utf8'), ROOT));
  const vsce = createRequire(import.meta.url).resolve('@vscode/vsce/vsce');
  // --no-dependencies: esbuild bundles every runtime dependency into dist/.
  // --allow-missing-repository: the project has no public repository yet; a placeholder URL would be false.
  // --no-rewrite-relative-links: the README above has no relative links left to rewrite.
  run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--readme-path', PACKAGED_README, ...process.argv.slice(2)]);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) main();
