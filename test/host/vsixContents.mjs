// Checks a built .vsix: what it must carry, what it must not, its size, and that its README's images render in VS Code.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { marked } from 'marked';
import yauzl from 'yauzl';

/** The size budget of the package users download. */
export const MAX_VSIX_BYTES = 3 * 1024 * 1024;

/** Every file of the archive: path -> bytes. */
export function readVsix(path) {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (openError, zip) => {
      if (openError) return reject(openError);
      const files = new Map();
      zip.on('error', reject);
      zip.on('end', () => resolve(files));
      zip.on('entry', (entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks = [];
          stream.on('data', (chunk) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

// vsce stores the extension under extension/ and renames README.md, CHANGELOG.md and LICENSE to these names.
const ALLOWED = [/^extension\/package\.json$/, /^extension\/readme\.md$/, /^extension\/changelog\.md$/, /^extension\/LICENSE\.txt$/, /^extension\/dist\/(sdk\/)?[^/]+\.js$/, /^extension\/media\//, /^extension\/templates\//, /^extension\.vsixmanifest$/, /^\[Content_Types\]\.xml$/];

/** Files package.json points at: they must be in the package or the extension breaks once installed. */
function referencedFiles(manifest) {
  const refs = new Set([manifest.main, manifest.icon, ...Object.values(manifest.bin ?? {})]);
  const contributes = manifest.contributes ?? {};
  for (const containers of Object.values(contributes.viewsContainers ?? {})) for (const c of containers) refs.add(c.icon);
  for (const views of Object.values(contributes.views ?? {})) for (const v of views) refs.add(v.icon);
  for (const walkthrough of contributes.walkthroughs ?? []) {
    for (const step of walkthrough.steps) {
      const media = step.media ?? {};
      for (const value of [media.markdown, media.svg, typeof media.image === 'string' ? media.image : undefined]) refs.add(value);
    }
  }
  return [...refs].filter((ref) => typeof ref === 'string' && !ref.startsWith('$(')).map((ref) => `extension/${ref.replace(/^\.\//, '')}`);
}

/** Width and height from a PNG's IHDR chunk, or undefined when the bytes are no PNG. */
function pngSize(bytes) {
  if (!bytes || bytes.length < 24 || bytes.toString('latin1', 1, 4) !== 'PNG') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Image srcs and link hrefs of a Markdown document, as marked (the renderer VS Code uses) produces them. */
function renderedTargets(markdown) {
  const html = marked.parse(markdown, { async: false });
  return {
    images: [...html.matchAll(/<img\s[^>]*src="([^"]*)"/g)].map((m) => m[1]),
    links: [...html.matchAll(/<a\s[^>]*href="([^"]*)"/g)].map((m) => m[1]),
  };
}

/** The images the repository's README shows, as paths relative to the project root. */
function repositoryReadmeImages(root) {
  return renderedTargets(readFileSync(join(root, 'README.md'), 'utf8')).images.filter((src) => !/^[a-z][a-z0-9+.-]*:/i.test(src));
}

/** Named checks over the archive at vsixPath; each returns a list of problems (empty when it holds). */
export async function vsixChecks(vsixPath, root) {
  const files = await readVsix(vsixPath);
  const paths = [...files.keys()];
  const manifest = JSON.parse(files.get('extension/package.json')?.toString('utf8') ?? '{}');
  const readme = files.get('extension/readme.md')?.toString('utf8') ?? '';
  const readmeImages = repositoryReadmeImages(root).map((src) => ({ src, bytes: readFileSync(join(root, decodeURI(src))) }));
  return [
    ['carries package.json, README, CHANGELOG, LICENSE, the bundles (extension, the lab (three files), dashboard, each AWS SDK client), media/ and templates/', () => {
      const required = ['extension/package.json', 'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt', 'extension/dist/extension.js', 'extension/dist/lab.js', 'extension/dist/dashboard.js', 'extension/templates/tape-gateway.yaml'];
      // dist/lab.js is the lab's launcher: it runs dist/lab-main.js, which loads the client shell from dist/lab-just-bash.js.
      required.push('extension/dist/lab-main.js', 'extension/dist/lab-just-bash.js');
      // src/aws/ loads each SDK client on first use from dist/sdk/<package>.js.
      for (const client of ['client-cloudformation', 'client-cloudwatch', 'client-ssm', 'client-storage-gateway', 'credential-providers']) required.push(`extension/dist/sdk/${client}.js`);
      const missing = required.filter((p) => !files.has(p));
      if (!paths.some((p) => p.startsWith('extension/media/'))) missing.push('extension/media/');
      return missing.map((p) => `${p} is missing`);
    }],
    ['carries every file package.json points at (main, bin, icons, walkthrough media)', () => referencedFiles(manifest).filter((p) => !files.has(p)).map((p) => `${p} is referenced by package.json but not packaged`)],
    ['carries nothing from src/, test/, node_modules/, no source maps, no README screenshots in media/', () => {
      const problems = paths.filter((p) => !ALLOWED.some((re) => re.test(p)) || /\.map$/.test(p)).map((p) => `${p} should not be in the package`);
      for (const [p, bytes] of files) {
        if (!p.startsWith('extension/media/')) continue;
        const same = readmeImages.find((image) => image.bytes.equals(bytes));
        if (same || /screenshot/i.test(p)) problems.push(`${p} is a README screenshot; the packaged README carries those inline`);
      }
      for (const p of paths.filter((q) => q.startsWith('extension/dist/'))) {
        if (/\/[#@] sourceMappingURL=/.test(files.get(p).toString('utf8').slice(-300))) problems.push(`${p} points at a source map the package does not carry`);
      }
      return problems;
    }],
    [`is at most ${MAX_VSIX_BYTES / 1024 / 1024} MB`, () => {
      const size = statSync(vsixPath).size;
      return size <= MAX_VSIX_BYTES ? [] : [`the .vsix is ${(size / 1024 / 1024).toFixed(2)} MB`];
    }],
    ['has a 128x128 PNG icon, categories, keywords, and no placeholder repository', () => {
      const problems = [];
      const size = pngSize(files.get(`extension/${manifest.icon}`));
      if (!size || size.width !== 128 || size.height !== 128) problems.push(`the icon ${manifest.icon} should be a 128x128 PNG`);
      if (!Array.isArray(manifest.categories) || manifest.categories.length === 0) problems.push('package.json has no categories');
      if (!Array.isArray(manifest.keywords) || manifest.keywords.length === 0 || manifest.keywords.length > 30) problems.push('package.json should have 1 to 30 keywords');
      const repository = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
      // RFC 2606 reserves these names for examples; a repository there is a placeholder.
      if (repository !== undefined && /\.(invalid|example|test|localhost)([/:]|$)|example\.(com|org|net)/i.test(repository)) problems.push(`package.json's repository ${repository} is a placeholder`);
      return problems;
    }],
    ["carries a README with the repository README's images inline (VS Code's details page loads only https: and data: images)", () => {
      const problems = [];
      const { images, links } = renderedTargets(readme);
      if (images.length !== readmeImages.length) problems.push(`the packaged README shows ${images.length} images, the repository's ${readmeImages.length}`);
      images.forEach((src, i) => {
        const expected = readmeImages[i];
        const data = /^data:image\/(png|jpeg|gif);base64,(.*)$/.exec(src);
        if (!data && !/^https:/.test(src)) problems.push(`image ${src.slice(0, 60)} would be blocked in the details page`);
        else if (data && expected && !Buffer.from(data[2], 'base64').equals(expected.bytes)) problems.push(`image ${i + 1} is not ${expected.src}`);
      });
      for (const href of links) if (!/^(https?:|mailto:|command:|#)/.test(href)) problems.push(`link ${href} leads nowhere in the details page`);
      return problems;
    }],
  ];
}
