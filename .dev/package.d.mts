// Types of package.mjs for the unit test of the packaged README.
export const PACKAGED_README: string;
export function packagedReadme(markdown: string, root: string): string;
