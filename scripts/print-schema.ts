/**
 * Prints the subgraph SDL of the service in the current directory (or the ones named) to its
 * `schema.graphql`. `--check` fails instead of writing when the committed file differs from the code.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { printSubgraphSdl } from '@tandem/subgraph-kit';
import { loadServiceDefinition } from './lib/services';

const check = process.argv.includes('--check');
const names = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const dirs = names.length ? names.map((n) => resolve('services', n)) : [process.cwd()];
let drift = false;
for (const dir of dirs) {
  const definition = await loadServiceDefinition(dir);
  const sdl = printSubgraphSdl(await definition.printableSchema());
  const file = resolve(dir, 'schema.graphql');
  const committed = await readFile(file, 'utf8').catch(() => '');
  if (committed === sdl) continue;
  if (check) {
    drift = true;
    console.error(`${definition.name}: schema.graphql differs from the code; run npm run schema:print`);
  } else {
    await writeFile(file, sdl);
    console.log(`${definition.name}: wrote ${file}`);
  }
}
process.exit(drift ? 1 : 0);
