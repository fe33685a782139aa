// Payload encryption for Temporal and the codec server for the Temporal UI and CLI.
export {
  EncryptionCodec,
  ENCRYPTED_ENCODING,
  KEY_ID_METADATA,
  PayloadDecryptionError,
} from './encryption-codec';
export type { PayloadDecryptionErrorCode } from './encryption-codec';
export { KEY_BYTES, keyFileText, parseKeyFile, parseKeyList, PayloadKeyring } from './keyring';
export type { KeyProblem } from './keyring';
export {
  codecServerFromConfig,
  dataConverterFromConfig,
  devPayloadKeyFile,
  encryptingDataConverter,
  FAILURE_CONVERTER_PATH,
  loadOrCreateDevPayloadKeys,
  payloadKeyringFromConfig,
  readKeyFile,
} from './data-converter';
export { CODEC_PREFIX, codecServer } from './server';
export type { CodecServerOptions } from './server';
export type { PayloadEncryptionSettings } from './settings';
