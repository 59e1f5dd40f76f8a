/** The committed SDL of each subgraph matches its code, and the committed supergraph matches them. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PORTS, SUBGRAPHS } from '@tandem/contracts';
import { printSubgraphSdl, type ServiceDefinition } from '@tandem/subgraph-kit';
import { composeSupergraph } from '@tandem/testkit';

const root = resolve(import.meta.dirname, '..', '..');

describe('schema drift', () => {
  it.each(SUBGRAPHS)(
    'should have a committed schema.graphql for %s that matches its code (npm run schema:print)',
    async (name) => {
      const mod = (await import(`@tandem/${name}`)) as Record<string, ServiceDefinition>;
      const printed = printSubgraphSdl(await mod[name].printableSchema());
      const committed = await readFile(resolve(root, 'services', name, 'schema.graphql'), 'utf8');
      expect(printed).toBe(committed);
    },
  );

  it('should have a committed supergraph composed from the committed subgraph schemas (npm run compose)', async () => {
    const subgraphs = await Promise.all(
      SUBGRAPHS.map(async (name) => ({
        name,
        url: `http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`,
        sdl: await readFile(resolve(root, 'services', name, 'schema.graphql'), 'utf8'),
      })),
    );
    const composed = composeSupergraph(subgraphs);
    const committed = await readFile(resolve(root, 'infra/supergraph/supergraph.graphql'), 'utf8');
    expect(committed).toBe(composed);
    for (const name of SUBGRAPHS) expect(committed).toContain(`@join__graph(name: "${name}"`);
  });
});
