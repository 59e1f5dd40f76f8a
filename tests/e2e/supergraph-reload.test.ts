/** The gateway swaps in a changed supergraph without a restart, and refuses a bad one. */
import { writeFile, rename } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printSubgraphSdl } from '@tandem/subgraph-kit';
import { composeSupergraph, eventually, principal, startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { identity } from '@tandem/identity';
import { matching } from '@tandem/matching';

let stack: Stack;
let full: string;
let identityOnly: string;
const admin = principal('ADMIN');
const query = `{ me { id } }`;
const crossing = `{ me { id activeMentees } }`;

async function replaceSupergraph(content: string) {
  await writeFile(`${stack.supergraphPath}.tmp`, content);
  await rename(`${stack.supergraphPath}.tmp`, stack.supergraphPath);
}

beforeAll(async () => {
  stack = await startStack({ databaseUrl: testDatabaseUrl(), services: [identity, matching] });
  await stack.sql(`INSERT INTO identity."user" (id, email, display_name, roles) VALUES ($1, $2, 'Admin', '{ADMIN}')`, [
    admin.userId,
    `${admin.userId}@example.org`,
  ]);
  const sdl = {
    identity: printSubgraphSdl(await identity.printableSchema()),
    matching: printSubgraphSdl(await matching.printableSchema()),
  };
  full = composeSupergraph([
    { name: 'identity', url: stack.services.identity.url, sdl: sdl.identity },
    { name: 'matching', url: stack.services.matching.url, sdl: sdl.matching },
  ]);
  identityOnly = composeSupergraph([{ name: 'identity', url: stack.services.identity.url, sdl: sdl.identity }]);
});
afterAll(async () => {
  await stack?.stop();
});

describe('supergraph hot reload', () => {
  it('should serve a new supergraph written to its file without a restart', async () => {
    expect((await stack.gql(crossing, {}, { as: admin })).errors).toBeUndefined();
    await replaceSupergraph(identityOnly);
    await eventually(async () => {
      const res = await stack.gql(crossing, {}, { as: admin });
      expect(res.errors?.[0].message).toMatch(/Cannot query field "activeMentees"/);
    });
    await replaceSupergraph(full);
    await eventually(async () => expect((await stack.gql(crossing, {}, { as: admin })).errors).toBeUndefined());
  });

  it('should keep serving the previous supergraph when the new file is not a valid supergraph', async () => {
    await replaceSupergraph('type Query { broken: String }');
    await new Promise((r) => setTimeout(r, 600));
    const res = await stack.gql(crossing, {}, { as: admin });
    expect(res.errors).toBeUndefined();
    expect(res.data).toMatchObject({ me: { id: admin.userId } });
  });

  it('should keep serving the previous supergraph when a subgraph of the new one does not answer', async () => {
    const ghost = composeSupergraph([
      { name: 'identity', url: stack.services.identity.url, sdl: printSubgraphSdl(await identity.printableSchema()) },
      {
        name: 'ghost',
        url: 'http://127.0.0.1:9/graphql',
        sdl: 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])\ntype Query { ghost: String }',
      },
    ]);
    await replaceSupergraph(ghost);
    await new Promise((r) => setTimeout(r, 800));
    const res = await stack.gql(`{ ghost }`, {}, { as: admin });
    expect(res.errors?.[0].message).toMatch(/Cannot query field "ghost"/);
    expect((await stack.gql(query, {}, { as: admin })).data).toMatchObject({ me: { id: admin.userId } });
  });
});
