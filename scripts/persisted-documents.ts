/**
 * `npm run documents:persist`: the manifests of trusted documents. For each first-party app (admin, web) it
 * loads every source module that builds a GraphQL document (through the app's own Vite, as its build would),
 * collects the documents `graphql()` built (packages/ui/lib/graphql.ts hands them to the collector), and writes
 * `apps/<app>/persisted-documents.json`: `{ "<sha256 of the text>": "<text>" }` for every operation, the text
 * exactly as the app's urql client sends it (packages/ui/lib/persisted.ts). The gateway loads these manifests
 * (TRUSTED_DOCUMENTS). Like the supergraph, the manifests are committed: a test fails when one drifts from
 * the sources, so an app image and the gateway image built from one commit always agree.
 * `--check` writes nothing and exits 1 when a manifest differs from what the sources give.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Kind, type DocumentNode } from 'graphql';
const REPO_ROOT = resolve(import.meta.dirname, '..');

export const FIRST_PARTY_APPS = ['admin', 'web'] as const;
export type FirstPartyApp = (typeof FIRST_PARTY_APPS)[number];

export const manifestPath = (app: FirstPartyApp) => resolve(REPO_ROOT, 'apps', app, 'persisted-documents.json');

const COLLECTOR = '__tandemDocuments'; // DOCUMENT_COLLECTOR of packages/ui/lib/graphql.ts

/** What is used of Vite (each app has its own, resolved from the app's folder, so its types are not at the root). */
interface ViteModule {
  createServer(config: Record<string, unknown>): Promise<{
    ssrLoadModule(url: string): Promise<Record<string, unknown>>;
    close(): Promise<void>;
  }>;
}

async function sourcesWithDocuments(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
  const found: string[] = [];
  for (const file of files) if ((await readFile(file, 'utf8')).includes('graphql(')) found.push(file);
  return found;
}

/** `{ hash: text }` of every operation the app builds, sorted by hash (a stable file). */
export async function appManifest(app: FirstPartyApp): Promise<Record<string, string>> {
  const appDir = resolve(REPO_ROOT, 'apps', app);
  const collected = new Set<DocumentNode>();
  (globalThis as Record<string, unknown>)[COLLECTOR] = collected;
  // the app's own Vite (each app pins its version), loading modules as its build would (JSX, CSS, import.meta.env)
  const vitePath = createRequire(join(appDir, 'package.json')).resolve('vite');
  const vite = (await import(pathToFileURL(vitePath).href)) as ViteModule;
  const server = await vite.createServer({
    root: appDir,
    configFile: join(appDir, 'vite.config.ts'),
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  let sent: (document: DocumentNode) => string;
  try {
    const files = [
      ...(await sourcesWithDocuments(join(appDir, 'src'))),
      ...(await sourcesWithDocuments(resolve(REPO_ROOT, 'packages/ui/lib'))),
    ];
    for (const file of files) await server.ssrLoadModule(file);
    ({ sentText: sent } = (await server.ssrLoadModule(
      resolve(REPO_ROOT, 'packages/ui/lib/persisted.ts'),
    )) as unknown as typeof import('../packages/ui/lib/persisted'));
  } finally {
    await server.close();
    delete (globalThis as Record<string, unknown>)[COLLECTOR];
  }
  const manifest = new Map<string, string>();
  for (const document of collected) {
    if (!document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION)) continue; // fragments alone
    const text = sent(document);
    manifest.set(createHash('sha256').update(text).digest('hex'), text);
  }
  return Object.fromEntries([...manifest].sort(([a], [b]) => a.localeCompare(b)));
}

export const manifestText = (manifest: Record<string, string>) => JSON.stringify(manifest, null, 2) + '\n';

if (process.argv[1]?.endsWith('persisted-documents.ts')) {
  const check = process.argv.includes('--check');
  const apps = process.argv
    .slice(2)
    .filter((a): a is FirstPartyApp => (FIRST_PARTY_APPS as readonly string[]).includes(a));
  let drifted = false;
  for (const app of apps.length ? apps : FIRST_PARTY_APPS) {
    const text = manifestText(await appManifest(app));
    const path = manifestPath(app);
    if (check) {
      const committed = await readFile(path, 'utf8').catch(() => '');
      if (committed !== text) {
        drifted = true;
        console.error(`${path} differs from the app's documents: run npm run documents:persist`);
      }
    } else {
      await writeFile(path, text);
      console.log(`${Object.keys(JSON.parse(text) as object).length} documents of ${app} written to ${path}`);
    }
  }
  process.exit(drifted ? 1 : 0);
}
