# syntax=docker/dockerfile:1
#
# shenhe, built once and run as any of its commands (docs/several-machines.md):
#   docker build -t shenhe:local .
#   docker run --rm shenhe:local --help
#   docker run -e SHENHE_DATABASE_URL=… -e REDIS_URL=… shenhe:local worker --metrics-port 9464
# docker-compose.yml runs postgres, redis, a one-shot migrate, api, worker and an nginx proxy from it.

# ---- build: dependencies (native modules compile here), then TypeScript, the WebAssembly scan loop, the review UI
FROM node:20-bookworm AS build
WORKDIR /src
ENV npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
COPY package.json package-lock.json ./
# A layer that changes only with the lock file. --ignore-scripts because the package's own `prepare` runs the build,
# whose sources are not copied yet; `npm rebuild` then runs the dependencies' install scripts (better-sqlite3 and
# re2 compile from source when no prebuilt binary can be downloaded: about a minute each).
RUN npm ci --ignore-scripts && npm rebuild
COPY . .
# Then drop the dev dependencies (compiler, bundler, test tools) from the same tree, so the native modules compiled
# above are the ones the runtime stage gets.
RUN npm run build && npm prune --omit=dev --ignore-scripts

# ---- runtime: production dependencies, the build output and what the processes read from disk, nothing else
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    SHENHE_DATA_DIR=/var/lib/shenhe
# The processes run as `shenhe`; the application files stay root's, so a compromised process cannot change them.
RUN groupadd --system --gid 10001 shenhe \
 && useradd --system --uid 10001 --gid shenhe --home-dir /var/lib/shenhe --no-create-home --shell /usr/sbin/nologin shenhe \
 && install -d -o shenhe -g shenhe -m 0700 /var/lib/shenhe
WORKDIR /app
COPY --from=build /src/package.json /src/package-lock.json ./
COPY --from=build /src/node_modules ./node_modules
# bin/shenhe.js loads dist/cli/main.js; dist/rules/wasm/scan.wasm is the scan loop.
COPY --from=build /src/bin ./bin
COPY --from=build /src/dist ./dist
# Found by walking up from dist/: the shipped packs (with their licence), the classifier model, the review UI bundle.
COPY --from=build /src/rules/packs ./rules/packs
COPY --from=build /src/rules/model ./rules/model
COPY --from=build /src/review-ui/dist ./review-ui/dist
COPY --from=build /src/deploy/healthcheck.js ./deploy/healthcheck.js
USER shenhe
EXPOSE 8080
# /readyz: Redis and the store reachable. A worker has no API port: docker-compose.yml runs it with --metrics-port
# and points its health check there.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD ["node", "deploy/healthcheck.js"]
# SIGTERM finishes in-flight requests and jobs first (docker stop waits 10 s by default; compose gives 30 s).
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "bin/shenhe.js"]
CMD ["api"]
