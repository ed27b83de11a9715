# Assay as one image for every mode: `node dist/src/main.js [all|api|worker]` (all by default).
# Build: docker build -t assay .    Run: see docker-compose.yml and the README.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
COPY web ./web
# The server and the portal only: tests and benchmarks stay out of the image.
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY questionnaires ./questionnaires
# DATA_DIR belongs to the user the server runs as (node, uid 1000): a named volume mounted there
# starts as a copy of this directory, owner included, so the server can write to it.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
# The API's readiness on PORT, with node's own fetch (the image has no curl). A worker-only
# container overrides it: `node dist/src/healthcheck.js worker` asks WORKER_HEALTH_PORT.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "dist/src/healthcheck.js"]
# Exec form: node is PID 1 and receives SIGTERM/SIGINT itself, and stops gracefully.
CMD ["node", "dist/src/main.js"]
