import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isPublicAddress, sendWebhook, signatureHeader, validateCallbackUrl } from '../../workers/webhook-sender';
import { retryDelay, DEFAULT_RETRY } from '../../workers/publish-worker';

describe('webhook sender', () => {
  it('signs "<t>.<raw body>" with HMAC-SHA256 as t=…,v1=…', () => {
    expect(signatureHeader('secret', '{"a":1}', 1700000000)).toBe(
      't=1700000000,v1=' + require('node:crypto').createHmac('sha256', 'secret').update('1700000000.{"a":1}').digest('hex'),
    );
  });

  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '::1', 'fc00::1', '::ffff:127.0.0.1', '0.0.0.0', '100.64.0.1'])(
    'treats %s as not public',
    (addr) => expect(isPublicAddress(addr)).toBe(false),
  );

  it('treats ordinary public addresses as public', () => {
    expect(isPublicAddress('203.0.114.1')).toBe(true);
    expect(isPublicAddress('2400:3200::1')).toBe(true);
  });

  it('refuses private, loopback and credentialed callback URLs unless private targets are allowed', () => {
    expect(validateCallbackUrl('http://127.0.0.1:8080/x', false)).toMatch(/refused/);
    expect(validateCallbackUrl('http://localhost/x', false)).toMatch(/refused/);
    expect(validateCallbackUrl('http://[::1]/x', false)).toMatch(/refused/);
    expect(validateCallbackUrl('ftp://example.cn/x', false)).toMatch(/http/);
    expect(validateCallbackUrl('https://u:p@example.cn/x', false)).toMatch(/credentials/);
    expect(validateCallbackUrl('https://example.cn/hook', false)).toBeNull();
    expect(validateCallbackUrl('http://127.0.0.1:8080/x', true)).toBeNull();
  });

  describe('against a receiver on 127.0.0.1', () => {
    let server: http.Server;
    let hits = 0;
    let port = 0;
    beforeAll(async () => {
      server = http.createServer((_req, res) => {
        hits++;
        res.end('ok');
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('never connects to a private target when private targets are not allowed, even through a host name', async () => {
      const before = hits;
      const direct = await sendWebhook(`http://127.0.0.1:${port}/x`, '{}', {}, { allowPrivate: false });
      expect(direct.statusCode).toBeNull();
      expect(direct.error).toMatch(/refused/);
      // A name that resolves to loopback is caught by the guarded DNS lookup, at connection time.
      const viaName = await sendWebhook(`http://localhost.:${port}/x`, '{}', {}, { allowPrivate: false });
      expect(viaName.statusCode).toBeNull();
      expect(hits).toBe(before);
    });

    it('delivers when private targets are allowed', async () => {
      const r = await sendWebhook(`http://127.0.0.1:${port}/x`, '{}', {}, { allowPrivate: true });
      expect(r.statusCode).toBe(200);
    });
  });

  it('backs off exponentially up to an hour, so retries span well over 24 hours within the window', () => {
    const delays = Array.from({ length: 40 }, (_, i) => retryDelay({ ...DEFAULT_RETRY }, i + 1));
    expect(delays[1]).toBeGreaterThan(delays[0]);
    expect(Math.max(...delays)).toBeLessThanOrEqual(DEFAULT_RETRY.maxMs * 1.2);
    expect(DEFAULT_RETRY.windowMs).toBeGreaterThanOrEqual(24 * 3600_000);
  });
});
