// Public surface of the HTTP gateway.
export { buildGateway, REDACTED_HEADERS, type GatewayOptions } from './app';
export { createApiKeyCheck, presentedKey, GatewayConfigError } from './auth';
export { temporalHealthCheck } from './health';
export { openApiDocument, ROUTES, toOpenApiPath } from './openapi';
export { createRateLimiter, type RateLimitOptions } from './rate-limit';
export { genReqId, REQUEST_ID_HEADER } from './request-id';
export { DOCS_ASSET_PREFIX } from './docs';
