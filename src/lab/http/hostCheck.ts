// Browser-origin defence for every lab listener: the Host a request names and the Origin a web page adds must be this machine
// (or a name the user allowed), which defeats DNS rebinding and cross-site WebSocket use of the lab's well-known keys.
import type { IncomingHttpHeaders } from 'node:http';
import { isLoopbackHost } from '../isLoopbackHost';

/** The name part of a Host header value: "127.0.0.1:8080" -> "127.0.0.1", "[::1]:80" -> "::1", "Bucket.LocalHost" -> "bucket.localhost". */
export function hostName(hostHeader: string): string | undefined {
  const text = hostHeader.trim().toLowerCase();
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed) return bracketed[1];
  const plain = /^([a-z0-9._-]+)(?::\d{1,5})?$/.exec(text);
  return plain?.[1]?.replace(/\.$/, '');
}

/** localhost, 127.0.0.0/8, ::1, any *.localhost (RFC 6761 keeps it on loopback; S3 virtual-hosted style uses it), or a configured name. */
export function isAllowedHostName(name: string, allowedHosts: readonly string[]): boolean {
  if (isLoopbackHost(name) || name.endsWith('.localhost')) return true;
  return allowedHosts.some((allowed) => allowed.toLowerCase() === name);
}

export type HostRefusal = { readonly status: 403; readonly message: string } | undefined;

/**
 * Refuses a request whose Host header is missing or names another machine, or whose Origin (sent by browsers) is not a
 * loopback or allowed page. `webSocket`: any Origin is refused unless allowed by name, since no AWS client sends one.
 */
export function refuseForeignRequest(headers: IncomingHttpHeaders, allowedHosts: readonly string[], webSocket = false): HostRefusal {
  const host = headers.host;
  const name = host === undefined ? undefined : hostName(host);
  if (name === undefined || !isAllowedHostName(name, allowedHosts)) {
    return { status: 403, message: `The lab answers requests for this machine only, not for host "${host ?? ''}". Use http://127.0.0.1:<port> or http://localhost:<port>, or start the lab with --allowed-host NAME to accept another name.` };
  }
  const origin = headers.origin;
  if (origin === undefined) return undefined;
  const originName = originHostName(origin);
  const allowedOrigin = originName !== undefined && (webSocket ? allowedHosts.some((allowed) => allowed.toLowerCase() === originName) : isAllowedHostName(originName, allowedHosts));
  if (!allowedOrigin) {
    return { status: 403, message: `The lab refuses requests from web pages (Origin ${origin}). Call it from an AWS SDK or CLI, or start the lab with --allowed-host NAME for a page you trust.` };
  }
  return undefined;
}

function originHostName(origin: string): string | undefined {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? hostName(url.host) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The URL of a request target as received ("/path?query", "//", "*", or an absolute URL), or undefined when it names
 * no path. `new URL("//x", base)` would read "//x" as a host, and throw on "//"; here a target starting with "/" is a path.
 */
export function requestUrl(rawUrl: string | undefined): URL | undefined {
  const target = rawUrl ?? '/';
  try {
    const url = target.startsWith('/') ? new URL(`http://lab.invalid${target}`) : new URL(target);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
