import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  await globalThis.__digitollDevServer?.stop();
  if (globalThis.__digitollBundleDir)
    rmSync(globalThis.__digitollBundleDir, { recursive: true, force: true });
}
