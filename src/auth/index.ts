export {
  createTokenProvider,
  refreshMarginSeconds,
  type TokenProvider,
  type TokenProviderOptions,
} from './token-provider';
export type { TokenRefreshObservation, TokenRefreshObserver } from './token-observer';
export {
  createGrantSigner,
  pemChainToX5c,
  audienceOf,
  GRANT_ALGORITHMS,
  MAX_GRANT_LIFETIME_SECONDS,
  type GrantAlgorithm,
  type GrantSigner,
  type GrantSignerOptions,
} from './grant';
export {
  AuthError,
  AuthConfigError,
  MaskinportenError,
  TokenExchangeError,
  TokenResponseInvalid,
  TokenEndpointUnavailable,
  AUTH_ERROR_CODES,
  maskinportenHint,
  redactSecrets,
  type AuthErrorCode,
} from './errors';
export { DEFAULT_TOKEN_RETRY, type RetryPolicy } from './form-post';
export { silentLogger, type Logger } from './logger';
export { generateDevCredentials, type DevCredentials } from './dev-certificate';
