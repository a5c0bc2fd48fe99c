// Reads exceptions.yaml: per channel (runCommand, session), the cases allowed to differ from real bash, each with a one-line reason.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export type Channel = 'runCommand' | 'session';

export type KnownExceptions = Record<Channel, ReadonlyMap<string, string>>;

function channelList(raw: unknown, channel: Channel): Map<string, string> {
  if (raw === undefined || raw === null) return new Map();
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`exceptions.yaml: \`${channel}\` must map case ids to reasons.`);
  const entries = Object.entries(raw);
  for (const [id, reason] of entries) {
    if (typeof reason !== 'string' || reason.trim() === '') throw new Error(`exceptions.yaml: ${channel} ${id} needs a one-line reason.`);
  }
  return new Map(entries as [string, string][]);
}

export function loadExceptions(file = join(__dirname, 'exceptions.yaml')): KnownExceptions {
  const raw: unknown = parse(readFileSync(file, 'utf8'));
  const fields = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  return { runCommand: channelList(fields.runCommand, 'runCommand'), session: channelList(fields.session, 'session') };
}
