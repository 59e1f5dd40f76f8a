import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServiceDefinition } from '@tandem/subgraph-kit';
import { SUBGRAPHS, type SubgraphName } from '@tandem/contracts';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

/** The ServiceDefinition exported by a service package's src/index.ts. */
export async function loadServiceDefinition(dir: string): Promise<ServiceDefinition> {
  const mod = (await import(pathToFileURL(resolve(dir, 'src', 'index.ts')).href)) as Record<string, unknown>;
  const found = Object.values(mod).find(
    (v): v is ServiceDefinition => !!v && typeof v === 'object' && 'printableSchema' in v,
  );
  if (!found) throw new Error(`${dir}/src/index.ts exports no service definition`);
  return found;
}

export const serviceDir = (name: SubgraphName) => resolve(REPO_ROOT, 'services', name);
export { SUBGRAPHS };
