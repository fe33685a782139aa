// Payload encryption settings: where keys come from, what stops start-up, and that no message
// ever shows a key.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';
import { loadOrCreateDevPayloadKeys, payloadKeyringFromConfig, readKeyFile } from '../../src/codec';

const a = randomBytes(32).toString('base64');
const b = randomBytes(32).toString('base64');
const short = randomBytes(16).toString('base64');

// Each test's folder holds keys: all are removed after the file, not left in the system's temp.
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'codec-config-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

test('given PAYLOAD_KEYS with two keys and a primary, when loaded, then the keyring has both and encrypts with the primary', () => {
  const config = loadConfig({ PAYLOAD_KEYS: `k1:${a}, k2:${b}`, PAYLOAD_KEY_PRIMARY: 'k2' });
  expect(config.payloadEncryption.keyring?.toJSON()).toEqual({ primary: 'k2', ids: ['k1', 'k2'] });
});

test('given one key of 16 bytes, when loaded, then start-up stops naming PAYLOAD_KEYS and the id, never the key', () => {
  const error = configError({ PAYLOAD_KEYS: `k1:${short}` });
  expect(error.problems).toEqual([
    { variable: 'PAYLOAD_KEYS', message: expect.stringContaining('"k1" is 16 bytes') },
  ]);
  expect(error.message).not.toContain(short);
});

test('given two keys and no primary, when loaded, then PAYLOAD_KEY_PRIMARY is required', () => {
  expect(configError({ PAYLOAD_KEYS: `k1:${a},k2:${b}` }).problems[0]!.variable).toBe('PAYLOAD_KEY_PRIMARY');
});

test('given a primary that is not among the keys, when loaded, then start-up stops naming it', () => {
  const error = configError({ PAYLOAD_KEYS: `k1:${a}`, PAYLOAD_KEY_PRIMARY: 'k9' });
  expect(error.problems[0]).toEqual({
    variable: 'PAYLOAD_KEY_PRIMARY',
    message: expect.stringContaining('"k9"'),
  });
});

test('given PAYLOAD_ENCRYPTION=off, when loaded for prod, then it is refused; for the emulator it is accepted', () => {
  expect(configError({ DIGITOLL_ENV: 'prod', PAYLOAD_ENCRYPTION: 'off' }).problems[0]!.variable).toBe(
    'PAYLOAD_ENCRYPTION',
  );
  expect(loadConfig({ PAYLOAD_ENCRYPTION: 'off' }).payloadEncryption.enabled).toBe(false);
});

test('given prod and no key at all, when a client would connect, then start-up stops with what to set', async () => {
  const dataDir = tempDir();
  const error = await payloadKeyringFromConfig(loadConfig({ DIGITOLL_ENV: 'prod', DATA_DIR: dataDir })).catch(
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).message).toMatch(/PAYLOAD_KEYS_FILE: no payload encryption key.*prod/);
});

test('given a key file, when read, then its primary and keys are used; a bad key names the file variable and id only', async () => {
  const dir = tempDir();
  const good = join(dir, 'keys.json');
  writeFileSync(good, JSON.stringify({ primary: 'k2', keys: { k1: a, k2: b } }));
  expect((await readKeyFile(good)).toJSON()).toEqual({ primary: 'k2', ids: ['k1', 'k2'] });
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ primary: 'k1', keys: { k1: short } }));
  const error = (await readKeyFile(bad).catch((e: unknown) => e)) as ConfigError;
  expect(error.problems).toEqual([
    { variable: 'PAYLOAD_KEYS_FILE', message: expect.stringContaining('"k1" is 16 bytes') },
  ]);
  expect(error.message).not.toContain(short);
  const notJson = join(dir, 'broken.json');
  writeFileSync(notJson, `{"keys": {"k1": "${a}"`);
  const broken = (await readKeyFile(notJson).catch((e: unknown) => e)) as ConfigError;
  expect(broken.message).not.toContain(a);
});

test('given no key in the emulator environment, when npm start creates its development key, then restarts reuse it', async () => {
  const dataDir = tempDir();
  const config = loadConfig({ DATA_DIR: dataDir });
  await expect(payloadKeyringFromConfig(config)).rejects.toThrow(/PAYLOAD_ENCRYPTION=off/);
  const file = await loadOrCreateDevPayloadKeys(dataDir);
  const first = await readKeyFile(file);
  expect(await loadOrCreateDevPayloadKeys(dataDir)).toBe(file);
  const again = await payloadKeyringFromConfig(config);
  expect(again?.key(again.primary)?.equals(first.key(first.primary)!)).toBe(true);
});
