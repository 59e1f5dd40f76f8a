# syntax=docker/dockerfile:1.7
# Either web app, chosen by the APP build argument: the admin app (staff) or the participant app (web). A Vite
# static build served by nginx-unprivileged (uid 101, port 8080), which also proxies /graphql and /files to the
# gateway so the app and the API share one origin (no CORS).
#   docker build -f infra/docker/static-app.Dockerfile --build-arg APP=admin \
#     --build-arg PARTICIPANT_APP_URL=https://app.tandem.example -t tandem/admin .
#   docker build -f infra/docker/static-app.Dockerfile --build-arg APP=web \
#     --build-arg STAFF_APP_URL=https://admin.tandem.example -t tandem/web .
#   docker run -p 8080:8080 -e GATEWAY_UPSTREAM=http://gateway:4000 tandem/web
ARG NODE_IMAGE=node:24-bookworm-slim
ARG NGINX_IMAGE=nginxinc/nginx-unprivileged:1.27-alpine

# 1. build: the workspace's dependencies and `vite build` into apps/${APP}/dist
FROM ${NODE_IMAGE} AS build
ARG APP
# the participant app's link for staff who sign in there (e.g. https://admin.tandem.example); unset: no link
ARG STAFF_APP_URL=
ENV VITE_STAFF_APP_URL=${STAFF_APP_URL}
# the admin app's invitation links open the participant app here (e.g. https://app.tandem.example); unset: no link
ARG PARTICIPANT_APP_URL=
ENV VITE_PARTICIPANT_APP_URL=${PARTICIPANT_APP_URL}
RUN test -n "$APP" || (echo 'build with --build-arg APP=admin|web' >&2; exit 1)
WORKDIR /repo
COPY package.json package-lock.json .npmrc ./
COPY apps/${APP}/package.json apps/${APP}/
COPY packages/ui/package.json packages/ui/
RUN npm ci --workspace @tandem/${APP} --include-workspace-root=false --ignore-scripts --no-audit --no-fund
COPY tsconfig.base.json ./
COPY packages/ui packages/ui
COPY apps/${APP} apps/${APP}
RUN npm run build --workspace @tandem/${APP}

# 2. runtime: static files and nginx only (no Node, no node_modules)
FROM ${NGINX_IMAGE} AS runtime
ARG APP
ENV GATEWAY_UPSTREAM=http://gateway:4000
# rendered by the image's entrypoint (envsubst) into /etc/nginx/conf.d/default.conf at start
COPY infra/docker/static-app-nginx.conf.template /etc/nginx/templates/default.conf.template
COPY --from=build /repo/apps/${APP}/dist /usr/share/nginx/html
USER 101:101
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=5s --retries=3 \
  CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/health"]
CMD ["nginx", "-g", "daemon off;"]
