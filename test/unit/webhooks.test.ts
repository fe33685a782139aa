// Webhook signatures a receiver can check, and where events may be sent.
import { signWebhook, verifyWebhookSignature } from '../../activities/webhooks';
import { loadConfig } from '../../src/config';
import { webhookUrlProblem } from '../../src/webhook-url';

const SECRET = 'a-test-secret-of-at-least-32-characters!';

test('given a signed body, then the receiver verifies it; a changed body, another secret or an old timestamp fail', () => {
  const body = '{"deliveryId":"hc:N730:A:1"}';
  const header = signWebhook(SECRET, body, 1_800_000_000);
  expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
  expect(verifyWebhookSignature(SECRET, header, body, 1_800_000_010)).toBe(true);
  expect(verifyWebhookSignature(SECRET, header, `${body} `, 1_800_000_010)).toBe(false);
  expect(verifyWebhookSignature(`${SECRET}x`, header, body, 1_800_000_010)).toBe(false);
  expect(verifyWebhookSignature(SECRET, header, body, 1_800_000_000 + 301)).toBe(false);
  expect(verifyWebhookSignature(SECRET, undefined, body, 1_800_000_000)).toBe(false);
});

test.each([
  ['https://erp.example.no/hook', true, undefined],
  ['https://erp.example.no/hook', false, undefined],
  ['http://127.0.0.1:9000/hook', true, undefined],
  ['http://localhost/hook', true, undefined],
  ['http://127.0.0.1:9000/hook', false, 'must be https'],
  ['http://erp.example.no/hook', true, 'must be https (plain http only to 127.0.0.1, localhost or [::1])'],
  ['https://user:pw@erp.example.no/hook', true, 'must not carry credentials (use WEBHOOK_SECRET to sign)'],
  ['not a url', true, 'must be an absolute URL'],
])('given %s (loopback http allowed: %s), then the problem is %s', (url, loopback, problem) => {
  expect(webhookUrlProblem(url, loopback)).toBe(problem);
});

test('given WEBHOOK_URL without a secret, or a short secret, then the configuration is refused naming the variable', () => {
  expect(() => loadConfig({ WEBHOOK_URL: 'https://erp.example.no/hook' })).toThrow(
    /WEBHOOK_SECRET: required/,
  );
  expect(() => loadConfig({ WEBHOOK_SECRET: 'short' })).toThrow(/WEBHOOK_SECRET: must be at least 32/);
  expect(() =>
    loadConfig({
      DIGITOLL_ENV: 'emulator',
      WEBHOOK_URL: 'http://erp.example.no/hook',
      WEBHOOK_SECRET: SECRET,
    }),
  ).toThrow(/WEBHOOK_URL: must be https/);
  expect(loadConfig({ WEBHOOK_URL: 'http://127.0.0.1:9/hook', WEBHOOK_SECRET: SECRET }).webhooks).toEqual({
    url: 'http://127.0.0.1:9/hook',
    secret: SECRET,
  });
});
