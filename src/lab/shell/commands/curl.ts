// curl [-s] [-i] [-o FILE] URL: HTTP GET to hosts inside the simulated VPC only.
import { CommandContext } from '../CommandContext';
import { writeWholeFile } from '../fileIo';

export async function curl(context: CommandContext): Promise<number> {
  let include = false;
  let output: string | undefined;
  let url: string | undefined;
  const args = context.argv.slice(1);
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '-o' || arg === '--output') output = args[++i];
    else if (arg === '-i' || arg === '--include') include = true;
    else if (arg.startsWith('-')) continue;
    else url = arg;
  }
  if (url === undefined) {
    context.stderr.write("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const target = /^[a-z]+:\/\//i.test(url) ? url : `http://${url}`;
  const host = /^[a-z]+:\/\/([^/:?#]+)/i.exec(target)?.[1] ?? url;
  const response = await context.host.network.httpGet(target);
  if (!response) {
    context.stderr.write(`curl: (7) Failed to connect to ${host} port 80 after 0 ms: Connection refused\n`);
    return 7;
  }
  let text = response.body;
  if (include) {
    const head = [`HTTP/1.1 ${response.status}`, ...Object.entries(response.headers).map(([k, v]) => `${k}: ${v}`)].join('\r\n');
    text = `${head}\r\n\r\n${text}`;
  }
  if (output !== undefined) await writeWholeFile(context.host.fs, output, context.cwd, Buffer.from(text), context.user);
  else context.stdout.write(text);
  return 0;
}
