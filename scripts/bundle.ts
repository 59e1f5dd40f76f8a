/**
 * `npm run build` in a service or the gateway: one self-contained ESM file, dist/main.js (and
 * dist/migrate.js for subgraphs), for the container image. Decorators compile as TypeScript's
 * experimental ones; every decorator names its type, so no emitted metadata is needed.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const entries = ['src/main.ts', 'src/migrate.ts'].filter((e) => existsSync(resolve(e)));
await build({
  entryPoints: entries,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  sourcemap: true,
  tsconfig: resolve(import.meta.dirname, '..', 'tsconfig.json'),
  plugins: [
    {
      // our workspace packages are compiled in; npm packages stay in node_modules (native addons, data files)
      name: 'external-npm-packages',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith('@tandem/') ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'info',
});
