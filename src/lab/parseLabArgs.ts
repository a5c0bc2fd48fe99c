// Parses the tape-gateway-lab command line into startLab options, with one clear message per mistake.
import { parseArgs } from 'node:util';
import type { StartLabOptions } from './index';
import { isLoopbackHost } from './isLoopbackHost';

export class LabArgsError extends Error {}

export const LAB_USAGE = `Usage: tape-gateway-lab [--port N] [--host 127.0.0.1] [--state-dir DIR] [--region us-east-1]
  [--account-id 123456789012] [--access-key-id test] [--secret-access-key test] [--time-scale 1]
  [--allowed-host NAME]... [--exit-with-parent]`;

export function parseLabArgs(argv: readonly string[]): StartLabOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'state-dir': { type: 'string' },
        region: { type: 'string' },
        'account-id': { type: 'string' },
        'access-key-id': { type: 'string' },
        'secret-access-key': { type: 'string' },
        'time-scale': { type: 'string' },
        'allowed-host': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new LabArgsError(`${(error as Error).message.split('\n')[0]} Run tape-gateway-lab --help for the flags.`);
  }
  if (values.help) return 'help';
  const options: StartLabOptions = {};
  if (values.port !== undefined) {
    if (!/^\d+$/.test(values.port) || Number(values.port) > 65535) throw new LabArgsError(`--port "${values.port}" is not a TCP port; give a number from 0 to 65535 (0 picks a free one).`);
    options.port = Number(values.port);
  }
  if (values.host !== undefined) {
    if (!isLoopbackHost(values.host)) throw new LabArgsError(`--host "${values.host}" is not a loopback address; the lab only listens on this machine (use 127.0.0.1 or ::1).`);
    options.host = values.host;
  }
  if (values['state-dir'] !== undefined) {
    if (values['state-dir'].trim() === '') throw new LabArgsError('--state-dir needs a folder path.');
    options.stateDir = values['state-dir'];
  }
  if (values.region !== undefined) {
    if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(values.region)) throw new LabArgsError(`--region "${values.region}" is not an AWS region name such as us-east-1.`);
    options.region = values.region;
  }
  if (values['account-id'] !== undefined) {
    if (!/^\d{12}$/.test(values['account-id'])) throw new LabArgsError(`--account-id "${values['account-id']}" must be 12 digits, such as 123456789012.`);
    options.accountId = values['account-id'];
  }
  if (values['access-key-id'] !== undefined) {
    if (!/^[A-Za-z0-9]{1,128}$/.test(values['access-key-id'])) throw new LabArgsError('--access-key-id must be 1 to 128 letters and digits.');
    options.accessKeyId = values['access-key-id'];
  }
  if (values['secret-access-key'] !== undefined) {
    if (values['secret-access-key'] === '') throw new LabArgsError('--secret-access-key must not be empty.');
    options.secretAccessKey = values['secret-access-key'];
  }
  if (values['time-scale'] !== undefined) {
    const scale = Number(values['time-scale']);
    if (values['time-scale'].trim() === '' || !Number.isFinite(scale) || scale < 0) throw new LabArgsError(`--time-scale "${values['time-scale']}" must be a number of 0 or more (1 = default delays, 0 = instant).`);
    options.timeScale = scale;
  }
  if (values['allowed-host'] !== undefined) {
    for (const name of values['allowed-host']) {
      if (!/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(name)) throw new LabArgsError(`--allowed-host "${name}" is not a host name; give a name such as lab.example.test (no scheme, port or path).`);
    }
    options.allowedHosts = values['allowed-host'];
  }
  return options;
}
