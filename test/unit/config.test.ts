import { ConfigError, loadConfig, parseDuration, requireCredentials } from '../../src/config';

describe('loadConfig', () => {
  test('given no variables, when loaded, then the emulator defaults apply', () => {
    const config = loadConfig({});
    expect(config.environment).toBe('emulator');
    expect(config.endpoints).toEqual({
      maskinportenIssuer: 'http://127.0.0.1:8099/',
      maskinportenTokenUrl: 'http://127.0.0.1:8099/token',
      customsTokenExchangeUrl: 'http://127.0.0.1:8099/api/access/external/oauth/token',
      digitollBaseUrl: 'http://127.0.0.1:8099',
    });
    expect(config.temporal).toMatchObject({ address: '127.0.0.1:7233', namespace: 'default', tls: false });
    expect(config.routingFeed.pollIntervalMs).toBe(60_000);
  });

  test('given DIGITOLL_ENV=test, when loaded, then the issuer keeps its trailing slash and Customs test hosts are used', () => {
    const config = loadConfig({ DIGITOLL_ENV: 'test' });
    expect(config.endpoints.maskinportenIssuer).toBe('https://test.maskinporten.no/');
    expect(config.endpoints.maskinportenTokenUrl).toBe('https://test.maskinporten.no/token');
    expect(config.endpoints.customsTokenExchangeUrl).toBe(
      'https://api-test.toll.no/api/access/external/oauth/token',
    );
  });

  test('given one endpoint overridden, when loaded, then only that endpoint changes', () => {
    const config = loadConfig({ DIGITOLL_ENV: 'prod', DIGITOLL_BASE_URL: 'http://127.0.0.1:9000/' });
    expect(config.endpoints.digitollBaseUrl).toBe('http://127.0.0.1:9000');
    expect(config.endpoints.maskinportenIssuer).toBe('https://maskinporten.no/');
  });

  test('given several bad variables, when loaded, then the error names every one of them', () => {
    let error: unknown;
    try {
      loadConfig({ DIGITOLL_ENV: 'staging', GATEWAY_PORT: 'eighty', ROUTING_FEED_POLL_INTERVAL: 'soon' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const variables = (error as ConfigError).problems.map((p) => p.variable).sort();
    expect(variables).toEqual(['DIGITOLL_ENV', 'GATEWAY_PORT', 'ROUTING_FEED_POLL_INTERVAL']);
    expect((error as Error).message).toContain('ROUTING_FEED_POLL_INTERVAL: expected a duration');
  });

  test.each([
    [{ GATEWAY_PORT: '' }, 'GATEWAY_PORT'],
    [{ GATEWAY_PORT: '80x' }, 'GATEWAY_PORT'],
    [{ MASKINPORTEN_ISSUER: 'https://test.maskinporten.no' }, 'MASKINPORTEN_ISSUER'],
    [{ TEMPORAL_TLS_CLIENT_CERT_PATH: '/etc/client.pem' }, 'TEMPORAL_TLS_CLIENT_KEY_PATH'],
  ])('given %j, when loaded, then %s is named as wrong', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.variable)).toEqual([variable]);
    }
  });

  test('given a certificate and a kid, when loaded, then it refuses the ambiguity', () => {
    expect(() => loadConfig({ MASKINPORTEN_CERT_FILE: 'c.pem', MASKINPORTEN_KID: 'k' })).toThrow(/not both/);
  });

  test('given no credentials, when a worker requires them, then the message lists what to set', () => {
    expect(() => requireCredentials(loadConfig({}))).toThrow(
      /MASKINPORTEN_CLIENT_ID[\s\S]*MASKINPORTEN_KEY_FILE/,
    );
  });

  test.each([
    ['250ms', 250],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1500', 1500],
    ['soon', undefined],
  ])('parseDuration(%s) is %s', (text, expected) => {
    expect(parseDuration(text)).toBe(expected);
  });
});
