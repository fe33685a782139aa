// The API's docs page: Swagger UI at /docs over the same generated OpenAPI document as
// /openapi.json. Its scripts, styles and icons are served from the installed package (nothing is
// fetched from the internet, so the page works offline), and the online spec validator is off.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { openApiDocument, ROUTES } from './openapi';

export async function docsPage(app: FastifyInstance): Promise<void> {
  await app.register(async (docs) => {
    await docs.register(swagger, {
      mode: 'static',
      specification: { document: openApiDocument() as never },
    });
    await docs.register(swaggerUi, {
      routePrefix: ROUTES.docs,
      uiConfig: { validatorUrl: null, deepLinking: true, tryItOutEnabled: false },
      staticCSP: true,
    });
  });
}

/** Routes the docs page serves besides /docs itself (its assets and the document it reads). */
export const DOCS_ASSET_PREFIX = `${ROUTES.docs}/`;
