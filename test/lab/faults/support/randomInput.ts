// Random, seeded fuzz input: JSON values of every type and size, hostile strings, and byte-level mutations of a body.
import type { SeededRandom } from './seededRandom';

/** Strings that break parsers, escapers and validators: markup, control characters, lone surrogates, huge and odd numbers. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '<',
  ']]>',
  '&amp;',
  '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
  '\u0000',
  '\u0001\u0002\u001f',
  '\r\n\t',
  '\ud800',
  '\udfff\ud800',
  '\uffff\ufffe',
  '😀👩‍👩‍👧',
  'ǅ\u0301\u200b\u202e',
  '%00%ff%',
  '../../../../etc/passwd',
  '${jndi:ldap://x}',
  '__proto__',
  'constructor',
  'arn:aws:storagegateway:us-east-1:123456789012:gateway/sgw-00000000',
  'arn:aws:storagegateway:us-east-1:123456789012:tape/AAAA000000',
  'i-0123456789abcdef0',
  '00000000-0000-0000-0000-000000000000',
  '9'.repeat(400),
  '-1',
  '1e309',
  'NaN',
  'null',
  'true',
];

export function randomString(random: SeededRandom): string {
  switch (random.int(0, 5)) {
    case 0:
      return random.pick(HOSTILE_STRINGS);
    case 1:
      return 'x'.repeat(random.pick([1, 255, 256, 1024, 2048]));
    case 2:
      return String.fromCharCode(...Array.from({ length: random.int(1, 40) }, () => random.int(0, 0xffff)));
    case 3:
      return random.bytes(random.int(1, 30)).toString('latin1');
    default:
      return `${random.pick(HOSTILE_STRINGS)}${random.int(0, 1e6)}`;
  }
}

export function randomJsonValue(random: SeededRandom, depth = 0): unknown {
  switch (random.int(0, depth > 2 ? 4 : 7)) {
    case 0:
      return null;
    case 1:
      return random.chance(0.5);
    case 2:
      return random.pick([0, -1, 1, 1.5, -0, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, 5e-324, random.int(-1e9, 1e9)]);
    case 3:
    case 4:
      return randomString(random);
    case 5:
      return Array.from({ length: random.pick([0, 1, 3, 11, 51]) }, () => randomJsonValue(random, depth + 1));
    default:
      return randomObject(random, [], depth + 1);
  }
}

/** An object whose keys come mostly from `memberNames` (so handlers see the members they read), with random values. */
export function randomObject(random: SeededRandom, memberNames: readonly string[], depth = 0): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (let i = random.int(0, 6); i > 0; i -= 1) {
    const key = memberNames.length > 0 && random.chance(0.8) ? random.pick(memberNames) : randomString(random);
    object[key] = randomJsonValue(random, depth);
  }
  return object;
}

/** Byte-level damage to a body: truncation, flipped bytes, inserted garbage, invalid UTF-8, deep nesting. */
export function mutateBody(random: SeededRandom, text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  switch (random.int(0, 6)) {
    case 0:
      return bytes.subarray(0, random.int(0, Math.max(0, bytes.length - 1)));
    case 1: {
      const copy = Buffer.from(bytes);
      for (let i = random.int(1, 4); i > 0 && copy.length > 0; i -= 1) copy[random.int(0, copy.length - 1)] = random.int(0, 255);
      return copy;
    }
    case 2:
      return Buffer.concat([bytes, Buffer.from([0xc3, 0x28, 0xff, 0xfe])]);
    case 3:
      return Buffer.from(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    case 4:
      return Buffer.from(`{"a":${'{"a":'.repeat(5000)}1${'}'.repeat(5001)}`);
    case 5:
      // Just over the lab's 1 MiB request limit.
      return Buffer.from(`{"a":"${'x'.repeat(1024 * 1024)}"}`);
    default:
      return random.bytes(random.int(0, 300));
  }
}
