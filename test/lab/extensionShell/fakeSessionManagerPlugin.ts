// Stand-in for session-manager-plugin in tests: checks the AWS CLI's six-argument contract, reads the response from the named variable, runs one command.
import { SessionChannel } from '../../../src/session';

const args = process.argv.slice(2);
if (args.length !== 6) {
  process.stderr.write(`expected 6 arguments, got ${args.length}\n`);
  process.exit(3);
}
const [responseName, region, operation, profile, parameters, endpoint] = args as [string, string, string, string, string, string];
const raw = responseName.startsWith('AWS_SSM_START_SESSION_RESPONSE') ? process.env[responseName] : responseName;
delete process.env[responseName];
const response = JSON.parse(raw ?? '{}') as { SessionId: string; TokenValue: string; StreamUrl: string };
const target = (JSON.parse(parameters) as { Target?: string }).Target;
process.stdout.write(`${JSON.stringify({ region, operation, profile, target, endpoint, sessionId: response.SessionId, fromVariable: raw !== responseName, keyId: process.env.AWS_ACCESS_KEY_ID })}\n`);
const channel = new SessionChannel({ sessionId: response.SessionId, streamUrl: response.StreamUrl, tokenValue: response.TokenValue });
channel.onOutput((text) => process.stdout.write(text));
channel.onEnd(() => process.exit(0));
void channel.open().then(() => channel.sendInput('echo from plugin\rexit\r'));
