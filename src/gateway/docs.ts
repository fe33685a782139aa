// The API's docs page: Swagger UI at /docs over the same generated document as /openapi.json. Its
// scripts, styles and icons are read from the installed swagger-ui-dist package and served here
// (nothing is fetched from the internet, so the page works offline); the online spec validator is
// off, and the start-up script is a file of ours, so the page needs no inline script.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ROUTES } from './routes-table';

/** Routes the docs page serves besides /docs itself: its assets. */
export const DOCS_ASSET_PREFIX = `${ROUTES.docs}/`;

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'index.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

const PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>digitoll-flow gateway</title>
<link rel="stylesheet" href="${DOCS_ASSET_PREFIX}swagger-ui.css">
<link rel="stylesheet" href="${DOCS_ASSET_PREFIX}index.css">
<link rel="icon" type="image/png" href="${DOCS_ASSET_PREFIX}favicon-32x32.png" sizes="32x32">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${DOCS_ASSET_PREFIX}swagger-ui-bundle.js"></script>
<script src="${DOCS_ASSET_PREFIX}swagger-ui-standalone-preset.js"></script>
<script src="${DOCS_ASSET_PREFIX}init.js"></script>
</body>
</html>
`;

const INIT = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: ${JSON.stringify(ROUTES.openapi)},
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
  });
};
`;

/** Same-origin only: the page loads nothing from elsewhere. */
const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; frame-ancestors 'self'";

export function docsPage(app: FastifyInstance): void {
  const root = dirname(require.resolve('swagger-ui-dist/package.json'));
  // Read once at start: a missing asset stops the gateway at once rather than breaking the page later.
  const files = new Map(Object.keys(ASSETS).map((name) => [name, readFileSync(join(root, name))]));
  app.get(ROUTES.docs, async (_request, reply) =>
    reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', CSP)
      .send(PAGE),
  );
  app.get(`${DOCS_ASSET_PREFIX}:file`, async (request, reply) => {
    const name = (request.params as { file: string }).file;
    if (name === 'init.js') return reply.header('content-type', ASSETS['swagger-ui-bundle.js']).send(INIT);
    const content = files.get(name);
    if (!content) return reply.status(404).send({ error: `no docs asset ${name}`, code: 'NO_ROUTE' });
    return reply
      .header('content-type', ASSETS[name])
      .header('cache-control', 'public, max-age=86400')
      .send(content);
  });
}
