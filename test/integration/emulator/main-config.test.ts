// What `npm run emulator` prints for the worker: every endpoint and the credential file paths, never key material.
import { workerConfigLines, startEmulator } from '../../../src/emulator';

it('given a running emulator, when the worker configuration is printed, then it names every endpoint and only file paths of the credentials', async () => {
  const emulator = await startEmulator();
  try {
    const lines = workerConfigLines(emulator, { keyFile: '/k.pem', certFile: '/c.pem' });
    expect(lines).toEqual(
      expect.arrayContaining([
        'DIGITOLL_ENV=emulator',
        `DIGITOLL_BASE_URL=${emulator.url}`,
        `MASKINPORTEN_ISSUER=${emulator.url}/`,
        `MASKINPORTEN_CLIENT_ID=${emulator.devCredentials.clientId}`,
        'MASKINPORTEN_KEY_FILE=/k.pem',
        'MASKINPORTEN_CERT_FILE=/c.pem',
      ]),
    );
    expect(lines.join('\n')).not.toMatch(/BEGIN|PRIVATE/);
  } finally {
    await emulator.close();
  }
});
