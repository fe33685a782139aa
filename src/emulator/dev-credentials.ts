// The emulator's development client: a key pair and self-signed certificate (generated at run
// time by the pure key generator in src/auth/dev-certificate.ts, never committed), a client id, and a kid for grants that use `kid`. Written
// under the git-ignored .data/ folder by `npm run emulator`, which reuses them on the next start
// (a worker that read the files earlier keeps working); kept in memory by tests.
import { X509Certificate, createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateDevCredentials } from '../auth/dev-certificate';

export interface DevClientCredentials {
  clientId: string;
  /** Key id registered for the public key (for grants that use `kid` instead of `x5c`). */
  kid: string;
  privateKeyPem: string;
  publicKeyPem: string;
  certificatePem: string;
}

export const DEV_CLIENT_ID = 'digitoll-flow-dev';

export function generateDevClient(clientId = DEV_CLIENT_ID): DevClientCredentials {
  const { privateKeyPem, certificatePem } = generateDevCredentials({ commonName: clientId });
  return describeClient(clientId, privateKeyPem, certificatePem);
}

function describeClient(
  clientId: string,
  privateKeyPem: string,
  certificatePem: string,
): DevClientCredentials {
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
  const { keyFile, certFile } = credentialFiles(dir);
  await writeFile(keyFile, credentials.privateKeyPem, { mode: 0o600 });
  await writeFile(certFile, credentials.certificatePem);
  return { keyFile, certFile };
}

function credentialFiles(dir: string): DevCredentialFiles {
  return { keyFile: join(dir, 'client-key.pem'), certFile: join(dir, 'client-cert.pem') };
}

/**
 * The credentials stored in `dir` when they are usable for `clientId` (the key parses, the
 * certificate is for this client, belongs to the key and is valid now); otherwise new ones,
 * written there. Regenerating at every start would break a worker that read the old files.
 */
export async function loadOrCreateDevCredentials(
  dir: string,
  clientId = DEV_CLIENT_ID,
  now = new Date(),
): Promise<{ credentials: DevClientCredentials; files: DevCredentialFiles; created: boolean }> {
  const files = credentialFiles(dir);
  const stored = await readStored(files, clientId, now);
  if (stored) return { credentials: stored, files, created: false };
  const credentials = generateDevClient(clientId);
  return { credentials, files: await writeDevCredentials(dir, credentials), created: true };
}

async function readStored(
  files: DevCredentialFiles,
  clientId: string,
  now: Date,
): Promise<DevClientCredentials | undefined> {
  try {
    const [privateKeyPem, certificatePem] = await Promise.all([
      readFile(files.keyFile, 'utf8'),
      readFile(files.certFile, 'utf8'),
    ]);
    const certificate = new X509Certificate(certificatePem);
    const usable =
      certificate.subject.split('\n').includes(`CN=${clientId}`) &&
      certificate.checkPrivateKey(createPrivateKey(privateKeyPem)) &&
      Date.parse(certificate.validFrom) <= now.getTime() &&
      Date.parse(certificate.validTo) > now.getTime();
    return usable ? describeClient(clientId, privateKeyPem, certificatePem) : undefined;
  } catch {
    // Missing, unreadable or malformed files: generate new ones.
    return undefined;
  }
}

/** Base64 DER of a PEM certificate, as it appears in a JWT `x5c` header. */
export function certificateToX5c(certificatePem: string): string {
  return new X509Certificate(certificatePem).raw.toString('base64');
}
