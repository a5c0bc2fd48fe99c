// Loopback HTTP form of the lab admin API: POST/GET /_lab/appliances, POST /_lab/tapes/{barcode}/eject. Loopback peers with the lab's token only.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AdminRoute } from '../http/pipeline';
import { BodyTooLargeError, readBody } from '../http/readBody';
import { isLoopbackHost } from '../isLoopbackHost';
import { LabAdminError, type LabAdmin } from './LabAdmin';

const ADMIN_PREFIX = '/_lab/';
const MAX_ADMIN_BODY_BYTES = 64 * 1024;

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(`${JSON.stringify(value)}\n`, 'utf8');
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': body.length });
  res.end(body);
}

async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  let body: Buffer;
  try {
    body = await readBody(req, MAX_ADMIN_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new LabAdminError(413, `Admin request bodies are limited to ${MAX_ADMIN_BODY_BYTES} bytes.`);
    throw error;
  }
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new LabAdminError(400, 'The request body must be a JSON object, e.g. {"diskSizesInBytes":[161061273600]}.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new LabAdminError(400, 'The request body must be a JSON object.');
  return value as Record<string, unknown>;
}

function applianceOptions(body: Record<string, unknown>): { region?: string; diskSizesInBytes?: number[] } {
  const { region, diskSizesInBytes } = body;
  if (region !== undefined && (typeof region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(region))) throw new LabAdminError(400, 'region must be a Region name such as us-east-1.');
  if (diskSizesInBytes !== undefined && (!Array.isArray(diskSizesInBytes) || diskSizesInBytes.length > 16 || !diskSizesInBytes.every((n) => Number.isSafeInteger(n) && n > 0))) {
    throw new LabAdminError(400, 'diskSizesInBytes must be a list of up to 16 positive whole numbers of bytes.');
  }
  return { region: region as string | undefined, diskSizesInBytes: diskSizesInBytes as number[] | undefined };
}

/** Bearer token check in constant time (the token is 64 hex characters). */
function carriesToken(req: IncomingMessage, token: string): boolean {
  const given = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A web page can POST text/plain or a form to any address without asking first; only JSON bodies are taken. */
function isJson(req: IncomingMessage): boolean {
  return /^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '');
}

export function createAdminRoute(admin: LabAdmin, adminToken: string): AdminRoute {
  return async (req, res, url) => {
    if (!url.pathname.startsWith(ADMIN_PREFIX)) return false;
    try {
      if (!isLoopbackHost(req.socket.remoteAddress ?? '')) throw new LabAdminError(403, 'The lab admin API answers loopback clients only.');
      if (!carriesToken(req, adminToken)) {
        res.setHeader('www-authenticate', 'Bearer realm="tape-gateway-lab"');
        throw new LabAdminError(401, 'The lab admin API needs the lab\'s token: send "Authorization: Bearer <token>" with the adminToken from the lab\'s ready line or its state folder\'s admin-token file.');
      }
      if (req.method !== 'GET' && req.method !== 'HEAD' && !isJson(req)) throw new LabAdminError(415, 'Admin requests carry Content-Type: application/json (send {} when there is nothing to say).');
      const path = url.pathname.slice(ADMIN_PREFIX.length);
      if (path === 'appliances' && req.method === 'POST') {
        sendJson(res, 201, await admin.createGatewayAppliance(applianceOptions(await readJsonObject(req))));
      } else if (path === 'appliances' && req.method === 'GET') {
        sendJson(res, 200, { appliances: admin.listGatewayAppliances() });
      } else {
        const eject = /^tapes\/([A-Z0-9]{5,16})\/eject$/.exec(path);
        if (!eject?.[1] || req.method !== 'POST') throw new LabAdminError(404, 'Unknown admin route; use POST /_lab/appliances, GET /_lab/appliances or POST /_lab/tapes/{barcode}/eject.');
        sendJson(res, 200, admin.ejectTape(eject[1]));
      }
    } catch (error) {
      if (!(error instanceof LabAdminError)) throw error;
      sendJson(res, error.status, { message: error.message });
    }
    return true;
  };
}
