// The SDK floor: a JSON 1.1 server that does nothing but answer every request with one fixed body, in its own process.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** The whole server, run with `node -e`: no routing, no parsing, no signature check. */
const SERVER_SOURCE = `
const body = Buffer.from(process.env.FLOOR_BODY ?? '{}');
const server = require('node:http').createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'content-length': body.length, 'x-amzn-requestid': '00000000-0000-0000-0000-000000000000' });
    response.end(body);
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

export interface TrivialServer {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** Starts the trivial server answering `body` to everything. */
export async function startTrivialJsonServer(body: string): Promise<TrivialServer> {
  const child: ChildProcess = spawn(process.execPath, ['-e', SERVER_SOURCE], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, FLOOR_BODY: body } });
  const port = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the trivial server exited (${code})`)));
    if (!child.stdout) throw new Error('the trivial server has no stdout');
    createInterface({ input: child.stdout }).once('line', resolve);
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
