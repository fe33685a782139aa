// Payload encryption settings as loadConfig validates them (keys given inline are decoded and
// checked here; a key file is read when a client or worker connects).
import { parseKeyList, type KeyProblem, type PayloadKeyring } from './keyring';

export interface PayloadEncryptionSettings {
  enabled: boolean;
  /** Keys from PAYLOAD_KEYS / PAYLOAD_KEY_PRIMARY. */
  keyring?: PayloadKeyring;
  /** PAYLOAD_KEYS_FILE, read at connect time. */
  keysFile?: string;
}

export interface PayloadEncryptionVariables {
  DIGITOLL_ENV: string;
  PAYLOAD_ENCRYPTION: 'on' | 'off';
  PAYLOAD_KEYS_FILE?: string;
  PAYLOAD_KEYS?: string;
  PAYLOAD_KEY_PRIMARY?: string;
}

export function payloadEncryptionSettings(
  e: PayloadEncryptionVariables,
): { settings: PayloadEncryptionSettings; problems?: undefined } | { problems: KeyProblem[] } {
  if (e.PAYLOAD_ENCRYPTION === 'off') {
    if (e.DIGITOLL_ENV === 'prod') {
      return {
        problems: [
          { variable: 'PAYLOAD_ENCRYPTION', message: 'cannot be off with DIGITOLL_ENV=prod (personal data)' },
        ],
      };
    }
    return { settings: { enabled: false } };
  }
  if (e.PAYLOAD_KEYS_FILE && e.PAYLOAD_KEYS) {
    return {
      problems: [
        { variable: 'PAYLOAD_KEYS', message: 'set either PAYLOAD_KEYS_FILE or PAYLOAD_KEYS, not both' },
      ],
    };
  }
  if (e.PAYLOAD_KEYS) {
    const parsed = parseKeyList(e.PAYLOAD_KEYS, e.PAYLOAD_KEY_PRIMARY);
    return parsed.keyring
      ? { settings: { enabled: true, keyring: parsed.keyring } }
      : { problems: parsed.problems };
  }
  if (e.PAYLOAD_KEY_PRIMARY && !e.PAYLOAD_KEYS_FILE) {
    return { problems: [{ variable: 'PAYLOAD_KEY_PRIMARY', message: 'needs PAYLOAD_KEYS' }] };
  }
  if (e.PAYLOAD_KEY_PRIMARY) {
    return {
      problems: [
        {
          variable: 'PAYLOAD_KEY_PRIMARY',
          message: 'the key file names its own "primary"; leave this unset',
        },
      ],
    };
  }
  return { settings: { enabled: true, keysFile: e.PAYLOAD_KEYS_FILE } };
}
