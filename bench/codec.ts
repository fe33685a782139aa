// What the payload codec costs per payload, encoding and decoding, for a house consignment's start
// input (the largest payload a consignment writes) and a small activity result, against the
// previous encoder as the baseline (a randomBytes(12) call and a TextEncoder per payload, two
// concatenations), kept here only for that comparison. Both run in this process, alternately, in
// batches like the worker's; the figure is the median batch.
// Usage: npm run bench:codec [-- --payloads 20000]
import { createCipheriv, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { ENCRYPTED_ENCODING, EncryptionCodec, KEY_ID_METADATA, PayloadKeyring } from '../src/codec';
import { sampleHouseConsignment } from '../test/fixtures/documents';

const { values } = parseArgs({ options: { payloads: { type: 'string', default: '20000' } } });
const total = Number(values.payloads);
const BATCH = 4;
const ROUNDS = 20;

/** The encoder before the IV pool. */
function previousEncode(payloads: Payload[], key: Buffer, keyId: string): Payload[] {
  const text = (value: string) => new TextEncoder().encode(value);
  return payloads.map((payload) => {
    const plain = temporal.api.common.v1.Payload.encode(payload).finish();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(keyId, 'utf8'));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return {
      metadata: { encoding: text(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: text(keyId) },
      data: Buffer.concat([iv, body, cipher.getAuthTag()]),
    };
  });
}

async function microsPerPayload(work: () => Promise<unknown>): Promise<number> {
  const batches = total / ROUNDS / BATCH;
  const t0 = process.cpuUsage();
  for (let i = 0; i < batches; i += 1) await work();
  const used = process.cpuUsage(t0);
  return (used.user + used.system) / (batches * BATCH);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const key = randomBytes(32);
  const codec = new EncryptionCodec(new PayloadKeyring('bench', new Map([['bench', key]])));
  const shapes: Record<string, Payload> = {
    'start input': defaultPayloadConverter.toPayload({ mode: 'road', consignment: sampleHouseConsignment() }),
    'activity result': defaultPayloadConverter.toPayload({ requestId: 'c0ffee00-1234', status: 'ACCEPTED' }),
  };
  console.log(`${total} payloads per shape and side, in batches of ${BATCH}; CPU microseconds per payload`);
  for (const [shape, payload] of Object.entries(shapes)) {
    const batch = Array.from({ length: BATCH }, () => payload);
    const encoded = await codec.encode(batch);
    const runs = { previous: [] as number[], current: [] as number[], decode: [] as number[] };
    for (let round = 0; round < ROUNDS; round += 1) {
      runs.previous.push(await microsPerPayload(async () => previousEncode(batch, key, 'bench')));
      runs.current.push(await microsPerPayload(() => codec.encode(batch)));
      runs.decode.push(await microsPerPayload(() => codec.decode(encoded)));
    }
    const [previous, current] = [median(runs.previous), median(runs.current)];
    console.log(
      `${shape.padEnd(16)} (${payload.data!.length} bytes): encode ${current.toFixed(1)} µs (previous ${previous.toFixed(1)} µs, ${(current / previous).toFixed(2)} of it), decode ${median(runs.decode).toFixed(1)} µs`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
