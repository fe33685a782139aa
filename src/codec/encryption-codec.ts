// AES-256-GCM payload codec: every payload a client or worker sends to Temporal (inputs, results,
// signals, queries, memo, failure details) is serialised and encrypted with the primary key; the
// key id travels in the payload's metadata so any configured key can decrypt it later. Search
// attributes never pass through codecs and stay readable for list filters.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { PayloadKeyring } from './keyring';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type PayloadDecryptionErrorCode = 'UNKNOWN_KEY_ID' | 'DECRYPTION_FAILED' | 'MALFORMED_PAYLOAD';

export class PayloadDecryptionError extends Error {
  override readonly name = 'PayloadDecryptionError';
  constructor(
    readonly code: PayloadDecryptionErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const encoder = new TextEncoder();
const text = (value: string) => encoder.encode(value);
const readText = (bytes: Uint8Array | null | undefined) =>
  bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8') : undefined;
const ENCODING_BYTES = Buffer.from(ENCRYPTED_ENCODING, 'utf8');
const isEncrypted = (encoding: Uint8Array | null | undefined) =>
  !!encoding && ENCODING_BYTES.equals(Buffer.from(encoding.buffer, encoding.byteOffset, encoding.byteLength));

/**
 * Random IVs drawn from a pool of CSPRNG bytes, each 12 bytes handed out once: one call into the
 * system's generator per 256 payloads instead of one per payload (`npm run bench:codec` shows
 * what each costs), and as unpredictable and unique as a fresh randomBytes(12).
 */
const IV_POOL_BYTES = IV_BYTES * 256;
let ivPool = Buffer.alloc(0);
let ivNext = 0;
function nextIv(): Buffer {
  if (ivNext + IV_BYTES > ivPool.length) {
    ivPool = randomBytes(IV_POOL_BYTES);
    ivNext = 0;
  }
  const iv = ivPool.subarray(ivNext, ivNext + IV_BYTES);
  ivNext += IV_BYTES;
  return iv;
}

export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly keyring: PayloadKeyring) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const keyId = this.keyring.primary;
    const key = this.keyring.key(keyId)!;
    return payloads.map((payload) => ({
      // Fresh arrays for each payload: nothing downstream may share (and so alter) another's.
      metadata: { encoding: text(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: text(keyId) },
      data: encrypt(temporal.api.common.v1.Payload.encode(payload).finish(), key, keyId),
    }));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      // Payloads written before encryption was turned on stay readable.
      if (!isEncrypted(payload.metadata?.encoding)) return payload;
      const keyId = readText(payload.metadata?.[KEY_ID_METADATA]);
      if (!keyId)
        throw new PayloadDecryptionError('MALFORMED_PAYLOAD', `encrypted payload without ${KEY_ID_METADATA}`);
      const key = this.keyring.key(keyId);
      if (!key) {
        throw new PayloadDecryptionError(
          'UNKNOWN_KEY_ID',
          `payload encrypted with key id "${keyId}", which is not configured (known: ${this.keyring.ids.join(', ')})`,
        );
      }
      const plain = decrypt(payload.data ?? new Uint8Array(), key, keyId);
      return temporal.api.common.v1.Payload.decode(plain) as Payload;
    });
  }
}

/** iv || ciphertext || tag; the key id is authenticated too, so it cannot be swapped. */
function encrypt(plain: Uint8Array, key: Buffer, keyId: string): Uint8Array {
  const iv = nextIv();
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(Buffer.from(keyId, 'utf8'));
  const body = cipher.update(plain);
  const rest = cipher.final();
  return Buffer.concat([iv, body, rest, cipher.getAuthTag()]);
}

function decrypt(data: Uint8Array, key: Buffer, keyId: string): Uint8Array {
  const bytes = Buffer.from(data);
  if (bytes.length < IV_BYTES + TAG_BYTES)
    throw new PayloadDecryptionError(
      'MALFORMED_PAYLOAD',
      `encrypted payload of ${bytes.length} bytes is too short`,
    );
  const decipher = createDecipheriv(ALGORITHM, key, bytes.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(keyId, 'utf8'));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new PayloadDecryptionError(
      'DECRYPTION_FAILED',
      `payload does not authenticate with key "${keyId}": altered, or encrypted with another key of that id`,
    );
  }
}
