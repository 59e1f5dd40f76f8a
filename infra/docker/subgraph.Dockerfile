# syntax=docker/dockerfile:1.7
# Any of the four subgraphs, chosen by the SERVICE build argument, built from the repository root with only its
# workspace and the packages it uses:
#   docker build -f infra/docker/subgraph.Dockerfile --build-arg SERVICE=identity -t tandem/identity .
#   (likewise SERVICE=matching, relationships, reporting)
# Serves with `node dist/main.js` on the subgraph's own port (PORT, else its default: identity 4001, matching
# 4002, relationships 4003, reporting 4004); its migration step (a Kubernetes Job, before the rollout) is
#   docker run --rm -e DATABASE_URL=postgres://... tandem/identity node dist/migrate.js
ARG NODE_IMAGE=node:24-bookworm-slim

# 1. build: the workspace's dependencies (dev included: esbuild bundles it) and its bundle
FROM ${NODE_IMAGE} AS build
ARG SERVICE
RUN test -n "$SERVICE" || (echo 'build with --build-arg SERVICE=identity|matching|relationships|reporting' >&2; exit 1)
WORKDIR /repo
COPY package.json package-lock.json .npmrc ./
COPY packages/config/package.json packages/config/
COPY packages/contracts/package.json packages/contracts/
COPY packages/http/package.json packages/http/
COPY packages/subgraph-kit/package.json packages/subgraph-kit/
COPY services/${SERVICE}/package.json services/${SERVICE}/
RUN npm ci --workspace @tandem/${SERVICE} --include-workspace-root --ignore-scripts --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json ./
COPY scripts/bundle.ts scripts/
COPY packages/config packages/config
COPY packages/contracts packages/contracts
COPY packages/http packages/http
COPY packages/subgraph-kit packages/subgraph-kit
COPY services/${SERVICE} services/${SERVICE}
# dist/main.js and dist/migrate.js: workspace packages compiled in, npm packages left external
RUN npm run build --workspace @tandem/${SERVICE}

# 2. production dependencies only (the npm packages the bundle imports)
FROM ${NODE_IMAGE} AS prod-deps
ARG SERVICE
WORKDIR /repo
COPY package.json package-lock.json .npmrc ./
COPY packages/config/package.json packages/config/
COPY packages/contracts/package.json packages/contracts/
COPY packages/http/package.json packages/http/
COPY packages/subgraph-kit/package.json packages/subgraph-kit/
COPY services/${SERVICE}/package.json services/${SERVICE}/
RUN npm ci --workspace @tandem/${SERVICE} --include-workspace-root=false --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force

# 3. runtime: node, production node_modules, the bundle; owned by root, run as the unprivileged node user
FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
# no PORT here: each subgraph defaults to its own (DEFAULT_PORTS in @tandem/contracts); the Deployments set it
ENV NODE_ENV=production HOST=0.0.0.0 NODE_OPTIONS=--enable-source-maps SERVICE=${SERVICE}
WORKDIR /app
COPY --from=prod-deps /repo/node_modules ./node_modules
COPY --from=build /repo/services/${SERVICE}/package.json ./package.json
COPY --from=build /repo/services/${SERVICE}/dist ./dist
USER 1000:1000
EXPOSE 4001 4002 4003 4004
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "const port = process.env.PORT || { identity: 4001, matching: 4002, relationships: 4003, reporting: 4004 }[process.env.SERVICE]; fetch('http://127.0.0.1:' + port + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# the V8 heap settings of every Tandem server (scripts/lib/node-flags.ts says why; the infra tests hold this line to it)
CMD ["node", "--max-semi-space-size=16", "--heap-growing-percent=100", "dist/main.js"]
