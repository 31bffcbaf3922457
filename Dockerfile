# syntax=docker/dockerfile:1
# One image for every role; the command picks it (api, relay, fetcher, projector, or trawl for all).
# Node 24, the project's pinned major (.nvmrc, package.json engines).

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/build.mjs scripts/build.mjs
# The lifecycle scripts build dist/ (prepare) once the sources are there, so install without them first.
RUN npm ci --ignore-scripts && npm rebuild sharp
COPY tsconfig.json .swcrc nest-cli.json ./
COPY apps apps
COPY libs libs
RUN npm run build && npm prune --omit=dev --ignore-scripts

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 TRAWL_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json ./
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000 9464
# /health answers on PORT for the API and on TRAWL_HEALTH_PORT for worker roles.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.TRAWL_HEALTH_PORT||process.env.PORT)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node"]
CMD ["dist/apps/trawl/src/main.js"]
