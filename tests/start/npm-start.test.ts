/**
 * `npm start` as a newcomer runs it (here against the test database, on free ports): everything comes
 * up, the gateway answers through the real subgraph processes, and Ctrl-C stops everything cleanly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '@tandem/testkit';
import net from 'node:net';

const freePort = () =>
  new Promise<number>((done) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => done(port));
    });
  });

const root = resolve(import.meta.dirname, '..', '..');
let child: ChildProcess | undefined;
let dir: string;

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('should start every subgraph and the gateway, answer through them, and stop cleanly on Ctrl-C', async () => {
    dir = await mkdtemp(join(os.tmpdir(), 'tandem-start-'));
    const ports = {
      GATEWAY_PORT: await freePort(),
      IDENTITY_PORT: await freePort(),
      MATCHING_PORT: await freePort(),
      RELATIONSHIPS_PORT: await freePort(),
      REPORTING_PORT: await freePort(),
      ADMIN_PORT: await freePort(),
    };
    child = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'scripts/start.ts')], {
      cwd: root,
      env: {
        ...process.env,
        ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
        DATABASE_URL: testDatabaseUrl(),
        TANDEM_DATA_DIR: dir,
        SUPERGRAPH_PATH: join(dir, 'supergraph.graphql'),
        LOG_LEVEL: 'warn',
        SEED_DEMO: 'false',
        NODE_ENV: 'development',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const deadline = Date.now() + 180_000; // five processes compile and start: slow on a loaded 2-core machine
    while (!output.includes('Press Ctrl-C to stop.')) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(output).toContain(`http://127.0.0.1:${ports.GATEWAY_PORT}/graphql`);

    const gateway = `http://127.0.0.1:${ports.GATEWAY_PORT}`;
    expect((await fetch(`${gateway}/health`)).status).toBe(200);
    const anonymous = await fetch(`${gateway}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(
      ((await anonymous.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code,
    ).toBe('UNAUTHENTICATED');
    const direct = await fetch(`http://127.0.0.1:${ports.IDENTITY_PORT}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(direct.status).toBe(403);
    for (const p of [ports.IDENTITY_PORT, ports.MATCHING_PORT, ports.RELATIONSHIPS_PORT, ports.REPORTING_PORT]) {
      expect((await fetch(`http://127.0.0.1:${p}/ready`)).status).toBe(200);
    }

    const exited = new Promise<number | null>((done) => child!.once('exit', (code) => done(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('stopped');
    await expect(fetch(`${gateway}/health`)).rejects.toThrow();
  }, 240_000);
});
