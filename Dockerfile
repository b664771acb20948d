# syntax=docker/dockerfile:1
# One image for the API and the workers, on Node 24 (LTS), pinned to a patch release: bump it on purpose.
# The API's healthcheck is below; the worker's (no HTTP port) is in docker-compose.yml.
FROM node:24.18.1-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY workers ./workers
COPY scripts/create-admin.ts ./scripts/create-admin.ts
RUN npm run build && npm prune --omit=dev

FROM node:24.18.1-bookworm-slim
# Probes go to a port of their own (MANAGEMENT_PORT): under a flood the main port takes new connections late.
ENV NODE_ENV=production MANAGEMENT_PORT=9000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY templates ./templates
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.MANAGEMENT_PORT||process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/server.js"]
