// The system tools some lab tests run as oracles (the AWS CLI v2, curl): a test that needs a missing one is skipped with the reason.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The Debian package's AWS CLI v2 (an `aws` on PATH may be v1). */
export const AWS_CLI = '/usr/bin/aws';

function onPath(name: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, name)));
}

/** false when /usr/bin/aws exists, otherwise the skip reason node:test prints. */
export const NO_AWS_CLI: string | false = existsSync(AWS_CLI) ? false : `skipped: the AWS CLI v2 is not installed at ${AWS_CLI} (Debian: apt-get install awscli)`;

/** false when curl is on PATH, otherwise the skip reason. */
export const NO_CURL: string | false = onPath('curl') ? false : 'skipped: curl is not on PATH (Debian: apt-get install curl)';

/** The first reason to skip among several, or false. */
export function skipUnless(...reasons: (string | false)[]): string | false {
  return reasons.find((reason): reason is string => reason !== false) ?? false;
}
