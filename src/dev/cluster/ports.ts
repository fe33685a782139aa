// The Temporal server's ports for one run, all on loopback.
import { createServer } from 'node:net';
import type { ServerPorts } from './server-config';

/**
 * Ports below 32768: the server stores its members' ports in a smallint column, and the kernel's
 * free ports (freePort) come from the ephemeral range above it.
 */
async function lowFreePort(taken: Set<number>): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (taken.has(port)) continue;
    const free = await new Promise<boolean>((done) => {
      const probe = createServer();
      probe.once('error', () => done(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
    });
    if (free) {
      taken.add(port);
      return port;
    }
  }
  throw new Error('no free loopback port between 20000 and 32000');
}

export async function serverPorts(frontend: number): Promise<ServerPorts> {
  const taken = new Set<number>([frontend]);
  const next = () => lowFreePort(taken);
  return {
    frontend,
    frontendHttp: await next(),
    history: await next(),
    matching: await next(),
    worker: await next(),
    membership: {
      frontend: await next(),
      history: await next(),
      matching: await next(),
      worker: await next(),
    },
    metrics: await next(),
  };
}
