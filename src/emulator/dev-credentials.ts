// The emulator's development client: a key pair and self-signed certificate (generated at run
// time by src/auth, never committed), a client id, and a kid for grants that use `kid`. Written
// under the git-ignored .data/ folder by `npm run emulator`; kept in memory by tests.
import { X509Certificate, createHash, createPublicKey } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateDevCredentials } from '../auth';

export interface DevClientCredentials {
  clientId: string;
  /** Key id registered for the public key (for grants that use `kid` instead of `x5c`). */
  kid: string;
  privateKeyPem: string;
  publicKeyPem: string;
  certificatePem: string;
}

export function generateDevClient(clientId = 'digitoll-flow-dev'): DevClientCredentials {
  const { privateKeyPem, certificatePem } = generateDevCredentials({ commonName: clientId });
  const publicKey = createPublicKey(privateKeyPem);
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const kid = createHash('sha256').update(spki).digest('base64url').slice(0, 16);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { clientId, kid, privateKeyPem, publicKeyPem, certificatePem };
}

export interface DevCredentialFiles {
  keyFile: string;
  certFile: string;
}

/** Writes the key (mode 0600) and certificate to `dir`; the caller keeps `dir` git-ignored. */
export async function writeDevCredentials(
  dir: string,
  credentials: DevClientCredentials,
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
