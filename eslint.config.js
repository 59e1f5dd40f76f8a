import tseslint from 'typescript-eslint';

// The house rules (CONTRIBUTING.md): TypeORM only in the kit and in migrations, no service importing another,
// no promise left floating. One root config, run once over the whole repository by `npm run lint`.

const SERVICES = ['identity', 'matching', 'relationships', 'reporting'];

const TYPEORM_MESSAGE =
  'TypeORM is the pool, the transactions and the migration runner: only packages/subgraph-kit and src/database/migrations import it. Use Database/Tx from @tandem/subgraph-kit.';

// The one file outside the kit and migrations that may import typeorm: the restart test drives the pool itself.
const TYPEORM_ALLOWLIST = ['tests/reliability/postgres-restart.test.ts'];

/** The services `importer` may not import: every one but its own (all four for apps and packages). */
const forbiddenServices = (own) => SERVICES.filter((s) => s !== own);

/**
 * One `no-restricted-imports` setting: flat config replaces a rule's options per matching block instead of
 * merging them, so every scope states the whole set.
 */
const restrictImports = ({ typeorm, services, own }) => {
  const patterns = [];
  if (typeorm) patterns.push({ group: ['typeorm', 'typeorm/*'], message: TYPEORM_MESSAGE });
  if (services.length > 0) {
    const names = services.join('|');
    patterns.push({
      regex: `^@tandem/(${names})(/|$)`,
      message: own
        ? 'A service never imports another service: reads cross through the gateway, effects through events.'
        : 'Apps and packages never import a service: they talk to it through the gateway.',
    });
    patterns.push({
      regex: `(^|/)(services/)?(${names})/(src|test)(/|$)|(^|/)services/(${names})(/|$)`,
      message: own
        ? 'A service never imports another service: reads cross through the gateway, effects through events.'
        : 'Apps and packages never import from services/*: they talk to a service through the gateway.',
    });
  }
  return { 'no-restricted-imports': ['error', { patterns }] };
};

const scope = (files, options) => ({ files, rules: restrictImports(options) });

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.data/**', '.turbo/**', 'apps/admin/src/generated/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    // Type information from two programs: tsconfig.eslint.json (everything on Node) and the two apps' and their shared UI library's (DOM, JSX).
    // Measured against `projectService: true`, which builds one program per package tsconfig (each of them
    // includes every package's src): the same findings in half the CPU time and under half the memory.
    languageOptions: {
      parserOptions: {
        project: [
          './tsconfig.eslint.json',
          './apps/admin/tsconfig.json',
          './apps/web/tsconfig.json',
          './packages/ui/tsconfig.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|describe|test)$/]",
          message: 'A focused test would skip the rest of the suite.',
        },
      ],
    },
  },

  // Imports. Apps and packages: no TypeORM, no service.
  scope(['**/*.{ts,tsx,mts,cts,js,mjs}'], { typeorm: true, services: SERVICES }),
  // Scripts, the suite and the benches start the services from their definitions (and the benches and the large
  // seed reach into one service's src to time or fill it): they may import services, never TypeORM.
  scope(['scripts/**', 'tests/**', 'bench/**'], { typeorm: true, services: [] }),
  // A service: no TypeORM, no other service.
  ...SERVICES.map((own) => scope([`services/${own}/**`], { typeorm: true, services: forbiddenServices(own), own })),
  // TypeORM's home: the kit and the migrations.
  scope(['packages/subgraph-kit/**'], { typeorm: false, services: SERVICES }),
  scope(['tests/reliability/postgres-restart.test.ts'], { typeorm: false, services: [] }),
  ...SERVICES.map((own) =>
    scope(
      [
        `services/${own}/src/database/migrations/**`,
        // shrinks to nothing as services convert
        ...TYPEORM_ALLOWLIST.filter((f) => f.startsWith(`services/${own}/`)),
      ],
      { typeorm: false, services: forbiddenServices(own), own },
    ),
  ),

  // Plain JavaScript (this file) has no type information.
  { files: ['**/*.{js,mjs,cjs}'], ...tseslint.configs.disableTypeChecked },
);
