import { createHmac } from 'node:crypto';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { parseHttpUrl } from '../lib/site-url';

export interface SendResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export interface WebhookSenderOptions {
  /** Allow loopback/private targets (SHENHE_WEBHOOK_ALLOW_PRIVATE). Default false. */
  allowPrivate?: boolean;
  /** Whole-request timeout in ms (default 10000). */
  timeoutMs?: number;
}

/** `X-Shenhe-Signature` of CONTRACT §4. */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** IPv6 global unicast (2000::/3): ipaddr.js calls what it has no name for 'unicast', e.g. ::7f00:1 (IPv4-compatible). */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/**
 * Only public unicast addresses are reachable unless private targets are allowed. Every other range ipaddr.js
 * knows is refused — loopback, private, link-local, CGNAT, reserved, and the IPv6 forms that embed or tunnel to an
 * IPv4 address (IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16, Teredo) whose real target we would
 * not see. IPv4-mapped ::ffff:a.b.c.d is judged as the IPv4 address it is.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return parsed.range() === 'unicast';
  const v6 = parsed as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().range() === 'unicast';
  return v6.range() === 'unicast' && v6.match(GLOBAL_UNICAST_V6);
}

export class SsrfError extends Error {
  readonly code = 'WEBHOOK_TARGET_REFUSED';
}

/**
 * The address check happens inside the connection's own DNS lookup, so the address we check is the
 * address we connect to (no DNS-rebinding window between a check and the request).
 */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as dns.LookupAddress[];
      const ok = list.filter((a) => allowPrivate || isPublicAddress(a.address));
      if (!ok.length) return callback(new SsrfError(`webhook target ${hostname} resolves to a private address`), '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, ok);
      callback(null, ok[0].address, ok[0].family);
    });
  };
}

/** Checks a callback URL's form (scheme, literal addresses) before it is saved or used. */
export function validateCallbackUrl(raw: string, allowPrivate: boolean): string | null {
  const { url, problem } = parseHttpUrl(raw);
  if (!url) return problem;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate) {
    const allow = 'set SHENHE_WEBHOOK_ALLOW_PRIVATE=true to allow them (tests, on-premise receivers)';
    if (ipaddr.isValid(host) && !isPublicAddress(host)) return `private, loopback and link-local addresses are refused; ${allow}`;
    if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal'))
      return `local host names are refused; ${allow}`;
  }
  return null;
}

/** POSTs one signed webhook body. Never throws: network failures come back as `error`. */
export async function sendWebhook(url: string, body: string, headers: Record<string, string>, options: WebhookSenderOptions = {}): Promise<SendResult> {
  const started = Date.now();
  const allowPrivate = options.allowPrivate ?? false;
  const formError = validateCallbackUrl(url, allowPrivate);
  if (formError) return { statusCode: null, error: `refused: ${formError}`, durationMs: 0 };
  const target = new URL(url);
  const lib = target.protocol === 'https:' ? https : http;
  return new Promise<SendResult>((resolve) => {
    const req = lib.request(
      target,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'User-Agent': 'shenhe-webhook/1', ...headers },
        lookup: guardedLookup(allowPrivate),
        timeout: options.timeoutMs ?? 10_000,
        agent: false,
      },
      (res) => {
        res.resume(); // the answer's body does not matter; draining it frees the socket
        res.on('end', () => resolve({ statusCode: res.statusCode ?? null, error: null, durationMs: Date.now() - started }));
        res.on('error', (e) => resolve({ statusCode: res.statusCode ?? null, error: e.message, durationMs: Date.now() - started }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ statusCode: null, error: e.message, durationMs: Date.now() - started }));
    req.end(body);
  });
}
