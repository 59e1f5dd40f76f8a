/**
 * `npm run schema:check`: a subgraph's SDL must compose with the others and must not break the current
 * supergraph's API schema unless explicitly allowed; `--publish` writes the supergraph only when it passes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPHS } from '@tandem/contracts';
import { printSubgraphSdl } from '@tandem/subgraph-kit';
import { composeSupergraph } from '@tandem/testkit';
import { apiSchemaSdl, schemaCheck } from '../../scripts/schema-check';
import { subgraphSdls } from '../../scripts/compose';
import { REPO_ROOT, loadServiceDefinition, serviceDir } from '../../scripts/lib/services';

let dir: string;
let basePath: string;
let identitySdl: string;
let base: string;
let baseWithProbe: string;

/** The SDL with one more root field (so its code SDL, without it, removes a field: a breaking change). */
const withProbe = (sdl: string) =>
  `${sdl}\nextend type Query {\n  """A field clients may already select."""\n  schemaCheckProbe: Int\n}\n`;

beforeAll(async () => {
  dir = await mkdtemp(join(os.tmpdir(), 'tandem-schema-check-'));
  basePath = join(dir, 'supergraph.graphql');
  identitySdl = printSubgraphSdl(await (await loadServiceDefinition(serviceDir('identity'))).printableSchema());
  // "production" now: every subgraph as committed, identity as its code prints it
  base = composeSupergraph(await subgraphSdls({ identity: identitySdl }));
  await writeFile(basePath, base);
  // "production" when a field exists that the new code drops
  baseWithProbe = composeSupergraph(await subgraphSdls({ identity: withProbe(identitySdl) }));
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('schema:check', () => {
  it('should pass an unchanged service, printing its SDL from its code', async () => {
    const result = await schemaCheck({ service: 'identity', supergraphPath: basePath });
    expect(result.compositionErrors).toEqual([]);
    expect(result.breaking).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.supergraph).toBe(base);
  });

  it('should fail on a removed field, name it, and leave the published supergraph alone', async () => {
    const path = join(dir, 'with-probe.graphql');
    await writeFile(path, baseWithProbe);
    const result = await schemaCheck({ service: 'identity', supergraphPath: path, publish: true });
    expect(result.ok).toBe(false);
    expect(result.compositionErrors).toEqual([]);
    expect(result.breaking.map((c) => c.message)).toEqual([expect.stringMatching(/schemaCheckProbe.*removed.*Query/)]);
    expect(result.report.join('\n')).toMatch(/BREAKING/);
    expect(result.published).toBe(false);
    expect(await readFile(path, 'utf8')).toBe(baseWithProbe);
  });

  it('should publish a breaking change only with --allow-breaking', async () => {
    const path = join(dir, 'allowed.graphql');
    await writeFile(path, baseWithProbe);
    const result = await schemaCheck({
      service: 'identity',
      sdl: identitySdl,
      supergraphPath: path,
      publish: true,
      allowBreaking: true,
    });
    expect(result.ok).toBe(true);
    expect(result.breaking).toHaveLength(1);
    expect(result.published).toBe(true);
    const written = await readFile(path, 'utf8');
    expect(written).toBe(result.supergraph);
    expect(written).toBe(base);
    expect(apiSchemaSdl(baseWithProbe)).toMatch(/schemaCheckProbe/);
    expect(apiSchemaSdl(written)).not.toMatch(/schemaCheckProbe/);
  });

  it('should accept an additive change as safe and publish it', async () => {
    const path = join(dir, 'additive.graphql');
    await writeFile(path, base);
    const result = await schemaCheck({
      service: 'identity',
      sdl: withProbe(identitySdl),
      supergraphPath: path,
      publish: true,
    });
    expect(result.ok).toBe(true);
    expect(result.breaking).toEqual([]);
    expect(result.safe.map((c) => c.message)).toContainEqual(expect.stringMatching(/schemaCheckProbe.*added/));
    expect(result.published).toBe(true);
    expect(apiSchemaSdl(await readFile(path, 'utf8'))).toMatch(/schemaCheckProbe: Int/);
  });

  it('should fail on a composition error and publish nothing', async () => {
    const sdl = `${identitySdl}\nextend type Query {\n  broken: NoSuchType\n}\n`;
    const result = await schemaCheck({
      service: 'identity',
      sdl,
      supergraphPath: basePath,
      publish: true,
      allowBreaking: true,
    });
    expect(result.ok).toBe(false);
    expect(result.compositionErrors.join('\n')).toMatch(/NoSuchType/);
    expect(result.supergraph).toBeNull();
    expect(await readFile(basePath, 'utf8')).toBe(base);
  });

  it('should pass for every service against the committed supergraph, as CI runs it (npm run compose keeps them in step)', async () => {
    for (const service of SUBGRAPHS) {
      const result = await schemaCheck({ service });
      expect(result.compositionErrors, service).toEqual([]);
      expect(
        result.breaking.map((c) => c.message),
        `${service}: breaking changes against infra/supergraph/supergraph.graphql`,
      ).toEqual([]);
      expect(result.ok, result.report.join('\n')).toBe(true);
      expect(result.published).toBe(false);
    }
  }, 120_000);

  it('should exit non-zero from the command line on a breaking change and zero when allowed', async () => {
    const sdlPath = join(dir, 'identity.graphql');
    await writeFile(sdlPath, identitySdl);
    const path = join(dir, 'cli.graphql');
    await writeFile(path, baseWithProbe);
    const run = (...extra: string[]) =>
      spawnSync(
        process.execPath,
        [
          resolve(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'),
          'scripts/schema-check.ts',
          'identity',
          '--sdl',
          sdlPath,
          '--supergraph',
          path,
          '--publish',
          ...extra,
        ],
        {
          cwd: REPO_ROOT,
          encoding: 'utf8',
        },
      );
    const refused = run();
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/BREAKING.*schemaCheckProbe/);
    expect(await readFile(path, 'utf8')).toBe(baseWithProbe);
    const allowed = run('--allow-breaking');
    expect(allowed.status).toBe(0);
    expect(await readFile(path, 'utf8')).toBe(base);
  }, 180_000);
});
