/**
 * The container images, checked without a Docker engine: each Dockerfile is linted structurally
 * (multi-stage, built from the repository root with only its workspace and the packages it uses,
 * production dependencies only in the final stage, non-root, health check, the right command; the one
 * subgraph Dockerfile once per SERVICE build argument), and the
 * build steps the images run are run here: each workspace's bundle is built with the same script, then
 * the bundled subgraphs migrate and serve against the test database and the bundled gateway serves.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '@tandem/testkit';
import { DEFAULT_PORTS, SUBGRAPHS } from '@tandem/contracts';
import { NODE_RUNTIME_FLAGS } from '../../scripts/lib/node-flags';
import { REPO_ROOT } from '../../scripts/lib/services';

interface Instruction {
  op: string;
  args: string;
}
interface Stage {
  from: string;
  name: string | null;
  instructions: Instruction[];
}

/** Instructions by stage: comments dropped, continuation lines joined, the build arguments given substituted. */
function parseDockerfile(text: string, buildArgs: Record<string, string> = {}): Stage[] {
  const lines = text.split('\n').filter((l) => !/^\s*#/.test(l));
  const joined = lines
    .join('\n')
    .replace(/\\\n/g, ' ')
    .replace(/\$\{(\w+)\}/g, (whole, k: string) => buildArgs[k] ?? whole);
  const stages: Stage[] = [];
  const globalArgs: Record<string, string> = {};
  for (const line of joined
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const [, op, args] = /^(\w+)\s+(.*)$/.exec(line) ?? [];
    if (!op) throw new Error(`unparsable Dockerfile line: ${line}`);
    if (op.toUpperCase() === 'ARG' && !stages.length) {
      const [key, value = ''] = args.split('=');
      globalArgs[key] = value;
    } else if (op.toUpperCase() === 'FROM') {
      const [, image, name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? [];
      stages.push({
        from: image.replace(/\$\{(\w+)\}/g, (_m, k: string) => globalArgs[k] ?? ''),
        name: name ?? null,
        instructions: [],
      });
    } else if (stages.length) stages[stages.length - 1].instructions.push({ op: op.toUpperCase(), args });
    else throw new Error(`${op} before FROM`);
  }
  return stages;
}

const pkg = (dir: string) =>
  JSON.parse(readFileSync(resolve(REPO_ROOT, dir, 'package.json'), 'utf8')) as {
    name: string;
    dependencies?: Record<string, string>;
  };
const dirOf = (name: string) =>
  ['packages', 'services', 'apps']
    .map((d) => `${d}/${name.replace('@tandem/', '')}`)
    .find((d) => existsSync(resolve(REPO_ROOT, d, 'package.json')))!;

/** The workspace packages a workspace needs at build time (its @tandem dependencies, transitively). */
function workspaceClosure(dir: string): string[] {
  const seen = new Set<string>();
  const visit = (d: string) => {
    for (const dep of Object.keys(pkg(d).dependencies ?? {}).filter((x) => x.startsWith('@tandem/'))) {
      const depDir = dirOf(dep);
      if (!seen.has(depDir)) {
        seen.add(depDir);
        visit(depDir);
      }
    }
  };
  visit(dir);
  return [...seen].sort();
}

const ROOT_FILES = [
  'package.json',
  'package-lock.json',
  '.npmrc',
  'tsconfig.base.json',
  'tsconfig.json',
  'scripts/bundle.ts',
];
/** The four subgraphs share one Dockerfile, built with --build-arg SERVICE=<name>. */
const SUBGRAPH_DOCKERFILE = 'infra/docker/subgraph.Dockerfile';
const IMAGES: Array<{
  dir: string;
  dockerfile: string;
  buildArgs?: Record<string, string>;
  node: boolean;
  migrate: boolean;
}> = [
  ...SUBGRAPHS.map((s) => ({
    dir: `services/${s}`,
    dockerfile: SUBGRAPH_DOCKERFILE,
    buildArgs: { SERVICE: s },
    node: true,
    migrate: true,
  })),
  { dir: 'apps/gateway', dockerfile: 'apps/gateway/Dockerfile', node: true, migrate: false },
  ...(['admin', 'web'] as const).map((app) => ({
    dir: `apps/${app}`,
    dockerfile: 'infra/docker/static-app.Dockerfile',
    buildArgs: { APP: app },
    node: false,
    migrate: false,
  })),
];

describe('the Dockerfiles', () => {
  for (const image of IMAGES) {
    it(`should build ${image.dir} (${image.dockerfile}) in stages from the repository root, with only its workspace and packages, non-root, production dependencies only`, () => {
      const file = resolve(REPO_ROOT, image.dockerfile);
      expect(existsSync(file), file).toBe(true);
      const stages = parseDockerfile(readFileSync(file, 'utf8'), image.buildArgs);
      const { name } = pkg(image.dir);
      const final = stages[stages.length - 1];
      const stageNames = new Set(stages.map((s) => s.name));
      expect(stages.length, 'multi-stage').toBeGreaterThanOrEqual(2);
      for (const stage of stages)
        expect(stage.from, 'a pinned official base image').toMatch(/^(node:24|nginxinc\/nginx-unprivileged:)/);

      // only the workspace, the packages it uses, and the root files a build needs
      const closure = workspaceClosure(image.dir);
      const allowed = (src: string) =>
        ROOT_FILES.includes(src) ||
        src === image.dir ||
        src === `${image.dir}/package.json` ||
        closure.some((d) => src === d || src === `${d}/package.json`) ||
        (!image.node && src.startsWith('infra/docker/')) ||
        // the gateway serves the first-party apps' trusted documents (their manifests, of the same commit)
        (image.dir === 'apps/gateway' && /^apps\/(admin|web)\/persisted-documents\.json$/.test(src));
      const copied = new Set<string>();
      for (const stage of stages) {
        for (const { op, args } of stage.instructions) {
          expect(op, 'COPY, not ADD').not.toBe('ADD');
          if (op !== 'COPY' || /--from=/.test(args)) continue;
          const parts = args.split(/\s+/).filter((a) => !a.startsWith('--'));
          for (const src of parts.slice(0, -1)) {
            expect(allowed(src), `${image.dir}: COPY ${src}`).toBe(true);
            expect(existsSync(resolve(REPO_ROOT, src)), `${image.dir}: COPY ${src} exists`).toBe(true);
            copied.add(src);
          }
        }
      }
      for (const d of [image.dir, ...closure]) {
        expect(copied.has(`${d}/package.json`), `${image.dir}: copies ${d}/package.json before installing`).toBe(true);
        expect(copied.has(d), `${image.dir}: copies ${d} sources`).toBe(true);
      }

      // installs are npm ci of this workspace only; production dependencies come from an --omit=dev install
      const installs = stages.flatMap((s) =>
        s.instructions
          .filter((i) => i.op === 'RUN' && /npm (ci|install|i)\b/.test(i.args))
          .map((i) => ({ stage: s, args: i.args })),
      );
      expect(installs.length).toBeGreaterThan(0);
      for (const { args } of installs) {
        expect(args, 'npm ci, never npm install').toMatch(/npm ci\b/);
        expect(args).toContain(`--workspace ${name}`);
      }
      const finalRuns = final.instructions.filter((i) => i.op === 'RUN');
      expect(
        finalRuns.filter((r) => /npm/.test(r.args)),
        'no npm in the final stage',
      ).toEqual([]);
      for (const { args } of final.instructions.filter((i) => i.op === 'COPY')) {
        const from = /--from=(\S+)/.exec(args)?.[1];
        if (!image.node && !from && args.startsWith('infra/docker/')) continue; // the static server's config
        expect(from, `final stage copies only from earlier stages: ${args}`).toBeDefined();
        expect(stageNames.has(from!)).toBe(true);
        const src = args.split(/\s+/).filter((a) => !a.startsWith('--'))[0];
        if (/node_modules/.test(src)) {
          const source = stages.find((s) => s.name === from)!;
          const install = source.instructions.find((i) => i.op === 'RUN' && /npm ci/.test(i.args));
          expect(install?.args, 'node_modules of the final stage come from an --omit=dev install').toMatch(
            /--omit=dev/,
          );
        } else if (image.node) {
          // (the gateway also takes the apps' trusted documents, copied into its build stage)
          expect(src, `final stage takes the bundle and the manifest only: ${src}`).toMatch(
            image.dir === 'apps/gateway'
              ? /\/dist$|\/package\.json$|^\/repo\/trusted-documents$/
              : /\/dist$|\/package\.json$/,
          );
        }
      }

      // runs unprivileged, checks its health, starts the right thing
      const users = final.instructions.filter((i) => i.op === 'USER').map((i) => i.args.split(':')[0]);
      expect(users.length, 'USER in the final stage').toBeGreaterThan(0);
      expect(['root', '0']).not.toContain(users[users.length - 1]);
      expect(Number(users[users.length - 1]), 'numeric uid (runAsNonRoot can verify it)').toBeGreaterThan(0);
      const healthcheck = final.instructions.find((i) => i.op === 'HEALTHCHECK');
      expect(healthcheck?.args).toMatch(/\/health/);
      const cmd = final.instructions.filter((i) => i.op === 'CMD').pop()?.args;
      if (image.node) {
        expect(JSON.parse(cmd!), "node with the servers' V8 settings (scripts/lib/node-flags.ts)").toEqual([
          'node',
          ...NODE_RUNTIME_FLAGS,
          'dist/main.js',
        ]);
        expect(
          final.instructions.some(
            (i) => i.op === 'ENV' && /NODE_ENV=production/.test(i.args) && /HOST=0\.0\.0\.0/.test(i.args),
          ),
        ).toBe(true);
        const build = stages.find((s) =>
          s.instructions.some((i) => i.op === 'RUN' && i.args.includes(`npm run build --workspace ${name}`)),
        );
        expect(build, 'the bundle is built by the workspace build script').toBeDefined();
      } else {
        expect(final.from).toMatch(/nginx-unprivileged/);
        expect(
          stages[0].instructions.some((i) => i.op === 'RUN' && i.args.includes(`npm run build --workspace ${name}`)),
        ).toBe(true);
      }
      if (image.migrate)
        expect(
          existsSync(resolve(REPO_ROOT, image.dir, 'src/migrate.ts')),
          'dist/migrate.js is bundled from src/migrate.ts',
        ).toBe(true);
    });
  }

  it('should have one Dockerfile for the subgraphs, whose health check knows each default port', () => {
    for (const s of SUBGRAPHS) expect(existsSync(resolve(REPO_ROOT, 'services', s, 'Dockerfile')), s).toBe(false);
    const final = parseDockerfile(readFileSync(resolve(REPO_ROOT, SUBGRAPH_DOCKERFILE), 'utf8')).pop()!;
    const healthcheck = final.instructions.find((i) => i.op === 'HEALTHCHECK')!.args;
    const ports = /\{ (identity: \d+[^}]*) \}/.exec(healthcheck)![1];
    expect(
      Object.fromEntries(
        ports
          .split(', ')
          .map((kv) => kv.split(': '))
          .map(([k, v]) => [k, Number(v)]),
      ),
    ).toEqual(Object.fromEntries(SUBGRAPHS.map((s) => [s, DEFAULT_PORTS[s]])));
  });

  it('should keep local state, builds and secrets out of the build context', () => {
    const ignored = readFileSync(resolve(REPO_ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim());
    for (const entry of ['**/node_modules', '**/dist', '.git', '.data', '.env']) expect(ignored).toContain(entry);
  });
});

/** Runs a command to completion. */
function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const out = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  return { status: out.status, output: `${out.stdout}${out.stderr}` };
}

/** Starts a bundle as the image does (with the servers' V8 settings), resolves with its URL once it logs that it is ready. */
function start(entry: string, cwd: string, env: Record<string, string>) {
  const child = spawn(process.execPath, [...NODE_RUNTIME_FLAGS, entry], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line in time:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /"url":"(http:\/\/[^"]+)"/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolveUrl(url.replace(/\/graphql$/, ''));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before ready:\n${output}`));
    });
  });
  const stop = () =>
    new Promise<number | null>((resolveExit) => {
      if (child.exitCode !== null) return resolveExit(child.exitCode);
      child.once('exit', (code) => resolveExit(code));
      child.kill('SIGTERM');
    });
  return { ready, stop, output: () => output };
}

describe('the build steps the images run', () => {
  const secret = 'bundle-test-gateway-secret';
  let dir: string | null = null;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  for (const svc of SUBGRAPHS) {
    it(`should bundle ${svc} into dist/main.js and dist/migrate.js that migrate, serve /health and /ready, and stop on SIGTERM`, async () => {
      const cwd = resolve(REPO_ROOT, 'services', svc);
      const built = run(
        process.execPath,
        [resolve(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), '../../scripts/bundle.ts'],
        cwd,
      );
      expect(built.status, built.output).toBe(0);
      for (const f of ['dist/main.js', 'dist/migrate.js']) expect(existsSync(join(cwd, f)), f).toBe(true);
      expect(readFileSync(join(cwd, 'dist/main.js'), 'utf8'), 'workspace packages compiled in').not.toMatch(
        /from ["']@tandem\//,
      );

      const env = {
        DATABASE_URL: testDatabaseUrl(),
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        GATEWAY_SECRET: secret,
        PORT: '0',
        METRICS_ENABLED: 'true',
      };
      const migrated = run(process.execPath, ['dist/migrate.js'], cwd, env);
      expect(migrated.status, migrated.output).toBe(0);
      expect(migrated.output).toMatch(new RegExp(`^${svc}: (applied|up to date)`, 'm'));

      const server = start('dist/main.js', cwd, env);
      try {
        const url = await server.ready;
        expect((await fetch(`${url}/health`)).status).toBe(200);
        const ready = await fetch(`${url}/ready`);
        expect(ready.status, await ready.clone().text()).toBe(200);
        expect(await ready.json()).toEqual({ status: 'ready', service: svc });
        expect(await (await fetch(`${url}/metrics`)).text()).toMatch(
          new RegExp(`tandem_db_pool_connections\\{state="total",service="${svc}"\\}`),
        );
        const refused = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"query":"{ __typename }"}',
        });
        expect(refused.status, 'the bundle still requires the gateway secret').toBe(403);
      } finally {
        expect(await server.stop(), server.output()).toBe(0);
      }
    }, 180_000);
  }

  it('should bundle the gateway into dist/main.js that serves /health and /ready', async () => {
    const cwd = resolve(REPO_ROOT, 'apps/gateway');
    const built = run(
      process.execPath,
      [resolve(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), '../../scripts/bundle.ts'],
      cwd,
    );
    expect(built.status, built.output).toBe(0);
    dir = await mkdtemp(join(os.tmpdir(), 'tandem-gateway-bundle-'));
    const { generateSigningKeys } = await import('@tandem/testkit');
    const keys = await generateSigningKeys();
    await writeFile(join(dir, 'public.pem'), keys.publicKey);
    const server = start('dist/main.js', cwd, {
      NODE_ENV: 'production',
      PORT: '0',
      GATEWAY_SECRET: secret,
      LOG_LEVEL: 'info',
      SUPERGRAPH_PATH: resolve(REPO_ROOT, 'infra/supergraph/supergraph.graphql'),
      JWT_PUBLIC_KEY_FILE: join(dir, 'public.pem'),
      // the session check needs identity's address (asked only when a token arrives; none does here)
      IDENTITY_URL: 'http://127.0.0.1:4001',
    });
    try {
      const url = await server.ready;
      expect((await fetch(`${url}/health`)).status).toBe(200);
      expect((await fetch(`${url}/ready`)).status).toBe(200);
    } finally {
      expect(await server.stop(), server.output()).toBe(0);
    }
  }, 180_000);
});
