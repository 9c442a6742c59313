FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# The Chinese font the PDF manifests embed (pdfkit subsets it).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-wqy-zenhei && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The console (web/), served by the API at /console.
COPY --from=build /app/web/dist ./web/dist
COPY package.json ./
USER node
CMD ["node", "--max-semi-space-size=32", "dist/src/main.js"]
