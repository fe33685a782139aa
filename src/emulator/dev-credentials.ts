// Development credentials for the emulator's Maskinporten: an RSA key pair and a self-signed
// certificate, generated at run time (never committed). Written under the git-ignored .data/ folder
// by `npm run emulator`; kept in memory by tests.
import {
  X509Certificate,
  createHash,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
} from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  bitString,
  nullValue,
  objectIdentifier,
  sequence,
  set,
  time,
  unsignedInteger,
  utf8String,
} from './der';

export interface DevCredentials {
  clientId: string;
  /** Key id registered for the public key (for grants that use `kid` instead of `x5c`). */
  kid: string;
  privateKeyPem: string;
  publicKeyPem: string;
  certificatePem: string;
}

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const COMMON_NAME = '2.5.4.3';

/** A self-signed X.509 v1 certificate over the given key pair, valid for `days`. */
export function selfSignedCertificate(
  keys: { privateKeyPem: string; publicKeyPem: string },
  commonName: string,
  now = new Date(),
  days = 365,
): string {
  const spki = createPublicKey(keys.publicKeyPem).export({ type: 'spki', format: 'der' });
  const algorithm = sequence(objectIdentifier(SHA256_WITH_RSA), nullValue());
  const name = sequence(set(sequence(objectIdentifier(COMMON_NAME), utf8String(commonName))));
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 1) & 0x7f || 1;
  const notAfter = new Date(now.getTime() + days * 86_400_000);
  const tbs = sequence(
    unsignedInteger(serial),
    algorithm,
    name,
    sequence(time(new Date(now.getTime() - 60_000)), time(notAfter)),
    name,
    spki,
  );
  const signature = sign('sha256', tbs, keys.privateKeyPem);
  const der = sequence(tbs, algorithm, bitString(signature));
  const body = der.toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${body.trimEnd()}\n-----END CERTIFICATE-----\n`;
}

export function generateDevCredentials(clientId = 'digitoll-flow-dev'): DevCredentials {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const certificatePem = selfSignedCertificate({ privateKeyPem, publicKeyPem }, clientId);
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const kid = createHash('sha256').update(spki).digest('base64url').slice(0, 16);
  return { clientId, kid, privateKeyPem, publicKeyPem, certificatePem };
}

export interface DevCredentialFiles {
  keyFile: string;
  certFile: string;
}

/** Writes the key (mode 0600) and certificate to `dir`; the caller keeps `dir` git-ignored. */
export async function writeDevCredentials(
  dir: string,
  credentials: DevCredentials,
): Promise<DevCredentialFiles> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const keyFile = join(dir, 'client-key.pem');
  const certFile = join(dir, 'client-cert.pem');
  await writeFile(keyFile, credentials.privateKeyPem, { mode: 0o600 });
  await writeFile(certFile, credentials.certificatePem);
  return { keyFile, certFile };
}

/** Base64 DER of a PEM certificate, as it appears in a JWT `x5c` header. */
export function certificateToX5c(certificatePem: string): string {
  return new X509Certificate(certificatePem).raw.toString('base64');
}
