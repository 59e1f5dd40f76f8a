/** A webhook receiver for tests: a plain HTTP server on 127.0.0.1 that records what Tandem delivers. */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {} from 'vitest';
import { identity } from '@tandem/identity';
import { isolatedDatabase, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { ADMIN_PASSWORD, call, login } from './world';

export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** Answers each path with the statuses queued for it (then 200; always 500 under /down), records every request. */
export class Receiver {
  readonly received: Received[] = [];
  private readonly answers = new Map<string, number[]>();
  private server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      this.received.push({
        path,
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const queued = this.answers.get(path) ?? [];
      const status = path.startsWith('/down') ? 500 : (queued.shift() ?? 200);
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'thanks' : 'receiver broke');
    });
  });
  url = '';
  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  answer(path: string, ...statuses: number[]) {
    this.answers.set(path, statuses);
  }
  at(path: string) {
    return this.received.filter((r) => r.path === path);
  }
  stop() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * Identity alone on a database of its own (another file's identity, with other webhook settings and private
 * targets refused, must not claim these deliveries from the outbox), private targets allowed, retries fast;
 * with its bootstrap admin signed in.
 */
export async function startWebhookStack(adminEmail: string, env: Record<string, string> = {}) {
  const database = await isolatedDatabase(testDatabaseUrl(), [identity]);
  const stack = await startStack({
    databaseUrl: database.url,
    services: [identity],
    env: {
      identity: {
        BOOTSTRAP_ADMIN: 'true',
        ADMIN_EMAIL: adminEmail,
        ADMIN_PASSWORD,
        WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
        WEBHOOK_RETRY_BASE_SECONDS: '0.3',
        ...env,
      },
    },
  });
  const admin = await login(stack, adminEmail, ADMIN_PASSWORD);
  return { database, stack, admin };
}

/** A new organisation (a unique name starting with `name`), by the admin. */
export async function newOrganization(
  stack: Stack,
  token: string,
  name: string,
): Promise<{ id: string; name: string }> {
  const unique = `${name} ${randomUUID().slice(0, 6)}`;
  const res = await call(
    stack,
    `mutation ($input: OrganizationInput!) { createOrganization(input: $input) { errors { field code message } organization { id } } }`,
    { input: { name: unique } },
    token,
  );
  return { id: res.createOrganization.organization.id as string, name: unique };
}
