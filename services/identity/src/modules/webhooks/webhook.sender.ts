/**
 * Sends one webhook message: signed per the Standard Webhooks specification with its library (`webhook-id`,
 * `webhook-timestamp`, `webhook-signature`), over node's http(s) client, which never follows redirects (a 3xx is
 * a failure), with one overall timeout, reading at most an excerpt of the answer. The host name is resolved
 * through a lookup that refuses private, loopback and link-local addresses (unless allowed outside production),
 * and the connection goes to the address that was checked, so a DNS answer cannot be swapped in between (SSRF).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { addressAllowed, RESPONSE_EXCERPT_BYTES, type TargetPolicy } from './webhook.rules';

export interface OutboundMessage {
  url: string;
  messageId: string;
  body: string;
  /** whsec_… secrets; each signs, so receivers holding either one (during a rotation) verify. */
  secrets: string[];
  at: Date;
}

export interface SendOutcome {
  ok: boolean;
  status: number | null;
  bodyExcerpt: string | null;
  error: string | null;
}

export class RefusedAddressError extends Error {
  code = 'EREFUSEDADDRESS';
}

/** The headers of a signed message: the signature of each secret, space-separated, as the specification allows. */
export function signedHeaders(message: Omit<OutboundMessage, 'url'>): Record<string, string> {
  const signature = message.secrets
    .map((secret) => new Webhook(secret).sign(message.messageId, message.at, message.body))
    .join(' ');
  return {
    'content-type': 'application/json',
    'user-agent': 'Tandem-Webhooks/1',
    'webhook-id': message.messageId,
    'webhook-timestamp': String(Math.floor(message.at.getTime() / 1000)),
    'webhook-signature': signature,
  };
}

function guardedLookup(policy: TargetPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const usable = addresses.filter((a) => addressAllowed(a.address, policy));
      if (usable.length === 0 || usable.length !== addresses.length)
        return callback(new RefusedAddressError(`${hostname} resolves to a refused address`), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
      callback(null, usable[0].address, usable[0].family);
    });
  };
}

export class WebhookSender {
  constructor(
    private readonly policy: TargetPolicy,
    private readonly timeoutMs: number,
  ) {}

  send(message: OutboundMessage): Promise<SendOutcome> {
    const url = new URL(message.url);
    const client = url.protocol === 'https:' ? https : http;
    if (url.protocol !== 'https:' && !this.policy.allowPrivate)
      return Promise.resolve({ ok: false, status: null, bodyExcerpt: null, error: 'https is required' });
    const body = Buffer.from(message.body, 'utf8');
    return new Promise<SendOutcome>((resolve) => {
      let settled = false;
      const done = (outcome: SendOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      };
      const request = client.request(
        url,
        {
          method: 'POST',
          headers: { ...signedHeaders(message), 'content-length': String(body.length) },
          lookup: guardedLookup(this.policy),
          agent: false,
        },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          const finish = () => {
            const status = response.statusCode ?? 0;
            const excerpt = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8');
            const ok = status >= 200 && status < 300;
            done({ ok, status, bodyExcerpt: excerpt, error: ok ? null : `HTTP ${status}` });
            response.destroy();
          };
          response.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
            size += chunk.length;
            if (size >= RESPONSE_EXCERPT_BYTES) finish();
          });
          response.on('end', finish);
          response.on('error', finish);
        },
      );
      const timer = setTimeout(() => {
        request.destroy();
        done({ ok: false, status: null, bodyExcerpt: null, error: `no answer within ${this.timeoutMs} ms` });
      }, this.timeoutMs);
      request.on('error', (error: Error & { code?: string }) =>
        done({ ok: false, status: null, bodyExcerpt: null, error: error.message || error.code || 'request failed' }),
      );
      request.end(body);
    });
  }
}
