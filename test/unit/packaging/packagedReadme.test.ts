// The README the .vsix carries: images inline as data: URLs, links into the source tree as plain text, the rest untouched.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { packagedReadme } from '../../../.dev/package.mjs';

function withRoot(files: Record<string, Buffer>, fn: (root: string) => void): void {
  const root = mkdtempSync(join(tmpdir(), 'packaged-readme-'));
  try {
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(root, name), bytes);
    fn(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

test('a relative PNG becomes a data: URL of the same bytes, keeping its alt text', () => {
  withRoot({ 'shot.png': PNG }, (root) => {
    const out = packagedReadme('Before\n\n![The tree](shot.png)\n\nAfter\n', root);
    assert.equal(out, `Before\n\n![The tree](data:image/png;base64,${PNG.toString('base64')})\n\nAfter\n`);
  });
});

test('a relative link becomes its text; web links, anchors and code spans stay as they are', () => {
  withRoot({}, (root) => {
    const markdown = 'See [src/lab/README.md](src/lab/README.md), [AWS](https://aws.amazon.com/), [below](#tests) and `[x](y.md)`.\n';
    assert.equal(packagedReadme(markdown, root), 'See src/lab/README.md, [AWS](https://aws.amazon.com/), [below](#tests) and `[x](y.md)`.\n');
  });
});

test('an image inside a fenced code block is left alone', () => {
  withRoot({}, (root) => {
    const markdown = '```md\n![not an image](missing.png)\n```\n';
    assert.equal(packagedReadme(markdown, root), markdown);
  });
});

test('a missing image, an SVG and a relative HTML <img> stop packaging with a sentence saying what to do', () => {
  withRoot({ 'icon.svg': Buffer.from('<svg/>') }, (root) => {
    assert.throws(() => packagedReadme('![x](gone.png)', root), /gone\.png, which does not exist\. Fix the link or add the file\./);
    assert.throws(() => packagedReadme('![x](icon.svg)', root), /only PNG, JPEG or GIF images\. Convert it to PNG/);
    assert.throws(() => packagedReadme('<img src="shot.png">', root), /write it as a Markdown image/);
  });
});
