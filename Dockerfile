# One image for every service of digitoll-flow; docker-compose.yml picks the command per service:
#   worker    node dist/src/worker-main.js   (workflow + rate-limited Digitoll activity worker)
#   gateway   node dist/src/gateway/main.js  (REST API for ERPs)
#   emulator  node dist/src/emulator/main.js (Digitoll + Maskinporten twin; never in production)
#   cli       node dist/src/cli/main.js      (digitoll-flow, for operators: docker compose run)
#   payload key  node dist/src/codec/dev-key-main.js /app/.data (emulator profile only)
# Debian-based (glibc): the Temporal worker's native core bridge is built for glibc, not musl.
# Node 24 is the current LTS; the code also runs on Node 20 (the tests' minimum).
ARG NODE_IMAGE=node:24.11.1-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY workflows ./workflows
COPY activities ./activities
COPY scripts ./scripts
# The compiled code, and the workflow bundle prebuilt once so workers start without webpack and
# run exactly the workflow code that was built here.
RUN npm run build && npm run build:workflows && test -s dist/workflow-bundle.js

FROM ${NODE_IMAGE} AS production-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=production-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY docker/worker-healthcheck.js ./docker/
# State and generated development credentials (emulator profile) live here, owned by the
# unprivileged user the services run as.
RUN mkdir -p /app/.data/dev-credentials && chown -R node:node /app/.data
USER node
EXPOSE 8080 8099
CMD ["node", "--max-old-space-size=64", "--max-semi-space-size=2", "dist/src/worker-main.js"]
