/**
 * Another gateway replica in front of a running stack's subgraphs, with its own settings (trusted documents,
 * the shared persisted query store): what a deployment runs several of.
 */
import { gatewayEnvSchema, startGateway, type RunningGateway } from '@tandem/gateway';
import type { Stack } from '@tandem/testkit';
import { pino } from 'pino';

export async function startReplica(stack: Stack, env: Record<string, string> = {}): Promise<RunningGateway> {
  return startGateway(
    gatewayEnvSchema.parse({
      NODE_ENV: 'test',
      PORT: '0',
      GATEWAY_SECRET: stack.secret,
      SUPERGRAPH_PATH: stack.supergraphPath,
      JWT_PUBLIC_KEY: stack.keys.publicKey,
      LOG_LEVEL: 'silent',
      SESSION_CHECK: 'false',
      API_KEY_STATE_TTL_MS: '0',
      ...Object.fromEntries(Object.entries(stack.services).map(([name, s]) => [`${name.toUpperCase()}_URL`, s.url])),
      ...env,
    }),
    pino({ level: 'silent' }),
    stack.keys.publicKey,
  );
}

export interface Sent {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  };
}

/** POSTs a GraphQL request body as is (a persisted hash, a text, or both) to a gateway. */
export async function send(url: string, body: Record<string, unknown>, bearer?: string): Promise<Sent> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Sent['body'] };
}
