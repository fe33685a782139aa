// Public surface of the HTTP gateway.
export { buildGateway, REDACTED_HEADERS, type GatewayOptions } from './app';
export { createApiKeyCheck, presentedKey, GatewayConfigError } from './auth';
export { temporalHealthCheck } from './health';
export { openApiDocument, ROUTES } from './openapi';
