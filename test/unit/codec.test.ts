// The AES-256-GCM payload codec: what it writes, what it refuses, and key rotation.
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import {
  ENCRYPTED_ENCODING,
  EncryptionCodec,
  KEY_ID_METADATA,
  PayloadDecryptionError,
  PayloadKeyring,
} from '../../src/codec';

const keyA = randomBytes(32);
const keyB = randomBytes(32);
const ring = (primary: string, keys: Record<string, Buffer>) =>
  new PayloadKeyring(primary, new Map(Object.entries(keys)));
const consignee = { name: 'Kari Nordmann', streetLine: 'Storgata 1', email: 'kari@example.no' };
const plain = (value: unknown): Payload => defaultPayloadConverter.toPayload(value);
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');
const keyTexts = [keyA, keyB].flatMap((k) => [k.toString('base64'), k.toString('hex')]);

async function refusal(promise: Promise<unknown>): Promise<PayloadDecryptionError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PayloadDecryptionError);
  const message = (error as Error).message;
  for (const key of keyTexts) expect(message).not.toContain(key);
  return error as PayloadDecryptionError;
}

test('given a JSON payload, when encoded and decoded, then it round-trips and the encoded form hides it', async () => {
  const codec = new EncryptionCodec(ring('A', { A: keyA }));
  const original = plain(consignee);
  const [encoded] = await codec.encode([original]);
  expect(text(encoded!.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
  expect(text(encoded!.metadata![KEY_ID_METADATA])).toBe('A');
  expect(Object.keys(encoded!.metadata!).sort()).toEqual(['encoding', KEY_ID_METADATA].sort());
  expect(Buffer.from(encoded!.data!).includes('Kari')).toBe(false);
  const [decoded] = await codec.decode([encoded!]);
  expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual(consignee);
  expect(text(decoded!.metadata!.encoding)).toBe('json/plain');
});

test('given the same payload encoded twice, then the ciphertexts differ (a fresh IV each time)', async () => {
  const codec = new EncryptionCodec(ring('A', { A: keyA }));
  const [one, two] = await codec.encode([plain(consignee), plain(consignee)]);
  expect(Buffer.from(one!.data!).equals(Buffer.from(two!.data!))).toBe(false);
});

test('given payloads encoded across many refills of the IV pool, then no two share an IV and each decodes', async () => {
  const codec = new EncryptionCodec(ring('A', { A: keyA }));
  const count = 2_000;
  const encoded = [];
  // One call per payload and batches of several: the pool serves both.
  for (let i = 0; i < count / 4; i += 1) encoded.push(...(await codec.encode([plain(i)])));
  encoded.push(...(await codec.encode(Array.from({ length: (count * 3) / 4 }, (_, i) => plain(-i - 1)))));
  const ivs = new Set(encoded.map((p) => Buffer.from(p.data!).subarray(0, 12).toString('hex')));
  expect(ivs.size).toBe(count);
  const decoded = await codec.decode(encoded);
  expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([
    ...Array.from({ length: count / 4 }, (_, i) => i),
    ...Array.from({ length: (count * 3) / 4 }, (_, i) => -i - 1),
  ]);
});

test('given an unencrypted payload (written before encryption), when decoded, then it passes unchanged', async () => {
  const codec = new EncryptionCodec(ring('A', { A: keyA }));
  const original = plain(consignee);
  expect(await codec.decode([original])).toEqual([original]);
});

test('given a ciphertext with one byte flipped, when decoded, then it is refused as not authentic', async () => {
  const codec = new EncryptionCodec(ring('A', { A: keyA }));
  const [encoded] = await codec.encode([plain(consignee)]);
  const data = Buffer.from(encoded!.data!);
  data[20] = data[20]! ^ 0x01;
  const error = await refusal(codec.decode([{ ...encoded!, data }]));
  expect(error.code).toBe('DECRYPTION_FAILED');
});

test('given a payload whose key id metadata was swapped, when decoded, then it is refused', async () => {
  const codec = new EncryptionCodec(ring('A', { A: keyA, B: keyA }));
  const [encoded] = await codec.encode([plain(consignee)]);
  const swapped = { ...encoded!, metadata: { ...encoded!.metadata, [KEY_ID_METADATA]: Buffer.from('B') } };
  expect((await refusal(codec.decode([swapped]))).code).toBe('DECRYPTION_FAILED');
});

test('given a payload under an unknown key id, when decoded, then the refusal names that id and no key', async () => {
  const [encoded] = await new EncryptionCodec(ring('old-2024', { 'old-2024': keyA })).encode([
    plain(consignee),
  ]);
  const error = await refusal(new EncryptionCodec(ring('B', { B: keyB })).decode([encoded!]));
  expect(error.code).toBe('UNKNOWN_KEY_ID');
  expect(error.message).toContain('"old-2024"');
});

test('given payloads written with key A, when the primary becomes B with keys {A, B}, then old payloads still decode and new ones use B', async () => {
  const before = new EncryptionCodec(ring('A', { A: keyA }));
  const [old] = await before.encode([plain(consignee)]);
  const after = new EncryptionCodec(ring('B', { A: keyA, B: keyB }));
  expect(defaultPayloadConverter.fromPayload((await after.decode([old!]))[0]!)).toEqual(consignee);
  const [fresh] = await after.encode([plain('new')]);
  expect(text(fresh!.metadata![KEY_ID_METADATA])).toBe('B');
  // Once A is dropped, what B wrote still reads and what A wrote is refused by name.
  const onlyB = new EncryptionCodec(ring('B', { B: keyB }));
  expect(defaultPayloadConverter.fromPayload((await onlyB.decode([fresh!]))[0]!)).toBe('new');
  expect((await refusal(onlyB.decode([old!]))).message).toContain('"A"');
});

test('given a keyring, when printed or serialised, then only key ids appear', () => {
  const keyring = ring('A', { A: keyA, B: keyB });
  const shown = `${JSON.stringify(keyring)} ${inspect(keyring)} ${String(keyring)}`;
  for (const key of keyTexts) expect(shown).not.toContain(key);
  expect(shown).toContain('A');
});
