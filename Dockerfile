# syntax=docker/dockerfile:1
# One image for every role of trawl; the command picks the role:
#   docker run trawl                                        all roles in one process, embedded adapters, data in /data
#   docker run trawl dist/apps/fetcher/src/main.js          one role (api, relay, fetcher, projector): see docker-compose.yml
#   docker run trawl dist/apps/cli/src/main.js checkpoints  the operator CLI

# The Node the tests run on: the `node` devDependency in package.json, of the major in .nvmrc and engines
# (test/deployment/dockerfile.unit.spec.ts keeps the three in step).
ARG NODE_VERSION=24.21.0

# --- build: compile apps/ and libs/ to dist/ with swc ---
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No lifecycle scripts: `prepare` would build before the sources are copied, and the `node` devDependency's
# would download a second Node. The production dependencies need none (sharp 0.35 loads its prebuilt
# @img/sharp-* package; protobufjs's only checks versions); @swc/core finds its prebuilt binding package.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY .swcrc ./
COPY scripts/build.mjs scripts/build.mjs
COPY apps apps
COPY libs libs
# Run by the image's node: under `npm run`, node_modules/.bin (where the skipped `node` package would be)
# comes first on PATH.
RUN node scripts/build.mjs

# --- production dependencies only: no devDependencies (the `node` package alone is a 120 MB binary) ---
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# --- runtime ---
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 TRAWL_DATA_DIR=/data
WORKDIR /app
# Owned by root and read-only to the app: the process can write only to /data.
COPY --from=deps /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json ./
RUN mkdir -p /data && chown node:node /data
# The image's unprivileged user (uid 1000).
USER node
VOLUME ["/data"]
EXPOSE 3000 9464
# /health answers on PORT for the API (and the all-in-one process) and on TRAWL_HEALTH_PORT for worker roles.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.TRAWL_HEALTH_PORT||process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM: trawl finishes or hands back its jobs within TRAWL_SHUTDOWN_GRACE_MS, then exits 0; give it that
# long (docker stop -t, compose stop_grace_period) before the SIGKILL.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node"]
CMD ["dist/apps/trawl/src/main.js"]
