// Serves one appliance's activation page on a real loopback port, so a real `curl` can fetch an activation key.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { refuseForeignRequest, requestUrl } from '../http/hostCheck';
import type { SimulatedHttpResponse } from './ClientHost';

export interface ActivationPageServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 at a free port; `answer` gets the request URL (path and query) and returns the page. Requests for
 * another host name (DNS rebinding) or from a web page are refused, as on the lab endpoint.
 */
export async function startActivationPageServer(answer: (url: URL) => Promise<SimulatedHttpResponse | undefined>, allowedHosts: readonly string[] = []): Promise<ActivationPageServer> {
  const server: Server = createServer((req, res) => {
    req.on('error', () => undefined);
    const refused = refuseForeignRequest(req.headers, allowedHosts);
    if (refused) {
      res.writeHead(refused.status, { 'content-type': 'text/plain', 'x-content-type-options': 'nosniff', connection: 'close' }).end(`${refused.message}\n`);
      return;
    }
    const url = requestUrl(req.url);
    if (!url) {
      res.writeHead(400, { 'content-type': 'text/plain', connection: 'close' }).end('The activation page is at /.\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { 'content-type': 'text/plain', allow: 'GET' }).end('The activation page answers GET only.\n');
      return;
    }
    req.resume();
    answer(url).then(
      (page) => {
        if (!page) {
          res.destroy();
          return;
        }
        res.writeHead(page.status, page.headers);
        res.end(req.method === 'HEAD' ? undefined : page.body);
      },
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('The appliance could not issue an activation key; try again.\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      // Later errors (e.g. EMFILE while accepting) concern one connection: the page keeps serving.
      server.on('error', () => undefined);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
