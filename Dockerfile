# The Yuqing worker and API image (docker-compose.yml runs it twice with different commands).
# Production dependencies only: tsx runs the TypeScript sources directly, as `npm start` does.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production YUQING_DATA_DIR=/data LOG_FORMAT=json
# the API prints documents to PDF with Chromium; the CJK fonts are what it prints Chinese in
RUN apt-get update \
  && apt-get install -y --no-install-recommends chromium fonts-noto-cjk \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY config ./config
COPY domain ./domain
COPY workflows ./workflows
COPY activities ./activities
COPY workers ./workers
COPY api ./api
COPY ops ./ops
COPY codec ./codec
# the cluster's namespace step (docker-compose temporal-register)
COPY scripts ./scripts
# Bundle the workflows into the image once; workers start from it without webpack at run time.
RUN npm run build:workflows \
  && mkdir -p /data && chown node:node /data
USER node
VOLUME /data
CMD ["node", "--import", "tsx", "workers/main.ts"]
