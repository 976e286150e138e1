import net from 'node:net';

describe('test harness', () => {
  it('provides a private redis-server that answers PING', async () => {
    const url = new URL(process.env.SHENHE_TEST_REDIS_URL ?? '');
    expect(url.port).not.toBe('6379');
    const reply = await new Promise<string>((resolve, reject) => {
      const sock = net.connect(Number(url.port), url.hostname, () => sock.write('PING\r\n'));
      sock.once('data', (d) => {
        resolve(d.toString());
        sock.end();
      });
      sock.once('error', reject);
    });
    expect(reply).toBe('+PONG\r\n');
  });
});
