// Waits count time on the monotonic clock: a machine paused and resumed sees its system clock step
// forward, and a wait that read the system clock gave up at once although nothing was late.
import { eventually } from '../helpers/temporal';
import { createRateLimiter } from '../../src/gateway/rate-limit';

afterEach(() => {
  jest.restoreAllMocks();
});

test('given the system clock steps 60 s forward during a 5 s wait, when the awaited thing comes a moment later, then eventually still returns it', async () => {
  let probes = 0;
  const value = await eventually(
    async () => {
      probes += 1;
      if (probes === 1) {
        const stepped = Date.now() + 60_000;
        jest.spyOn(Date, 'now').mockImplementation(() => stepped);
      }
      return probes >= 3 ? 'ready' : undefined;
    },
    { timeoutMs: 5_000, intervalMs: 10, what: 'the third probe' },
  );
  expect(value).toBe('ready');
  expect(probes).toBe(3);
});

test('given nothing ever comes, when eventually waits 200 ms, then it fails after that time and names what it waited for', async () => {
  const started = performance.now();
  const error = await eventually(async () => undefined, {
    timeoutMs: 200,
    intervalMs: 10,
    what: 'nothing',
  }).catch((e: unknown) => e);
  expect(String(error)).toMatch(/Timed out after 200 ms waiting for nothing/);
  expect(performance.now() - started).toBeGreaterThanOrEqual(200);
});

test('given an API key at its allowance, when the system clock steps back an hour, then the gateway limiter still asks for at most a minute', async () => {
  // The system clock is faked (Date), the monotonic one is not.
  jest.useFakeTimers({ doNotFake: ['performance', 'setTimeout', 'setImmediate', 'nextTick'] });
  try {
    const rateLimit = createRateLimiter({ perMinute: 1 });
    const answered: Array<{ status?: number; retryAfter?: string }> = [];
    const call = async (): Promise<void> => {
      const answer: { status?: number; retryAfter?: string } = {};
      const reply = {
        status(code: number) {
          answer.status = code;
          return reply;
        },
        header(name: string, value: string) {
          if (name === 'retry-after') answer.retryAfter = value;
          return reply;
        },
        send: () => reply,
      };
      await rateLimit({ headers: { 'x-api-key': 'k' } } as never, reply as never);
      answered.push(answer);
    };
    await call();
    jest.setSystemTime(Date.now() - 3_600_000);
    await call();
    expect(answered[0]!.status).toBeUndefined();
    expect(answered[1]!.status).toBe(429);
    expect(Number(answered[1]!.retryAfter)).toBeLessThanOrEqual(60);
  } finally {
    jest.useRealTimers();
  }
});
