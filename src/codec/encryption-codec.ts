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

const text = (value: string) => new TextEncoder().encode(value);
const readText = (bytes: Uint8Array | null | undefined) =>
  bytes ? Buffer.from(bytes).toString('utf8') : undefined;

export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly keyring: PayloadKeyring) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const keyId = this.keyring.primary;
    const key = this.keyring.key(keyId)!;
    return payloads.map((payload) => ({
      metadata: { encoding: text(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: text(keyId) },
      data: encrypt(temporal.api.common.v1.Payload.encode(payload).finish(), key, keyId),
    }));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      // Payloads written before encryption was turned on stay readable.
      if (readText(payload.metadata?.encoding) !== ENCRYPTED_ENCODING) return payload;
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
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(Buffer.from(keyId, 'utf8'));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
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
