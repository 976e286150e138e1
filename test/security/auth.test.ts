import { TestSystem, StaffClient } from '../harness/system';

/** Issue 14, findings 2, 7 and 11: the login throttle, sessions after a password change, a TLS proxy in front. */
describe('login throttle under parallel guessing (finding 2)', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await TestSystem.start({ workers: [] });
  });
  afterAll(() => sys.close());

  it('refuses the right password at attempt #280 of 300 parallel ones once the limit is hit', async () => {
    const { username, password } = await sys.user('moderator');
    const attempt = (pw: string) =>
      fetch(`${sys.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: pw }) });
    const statuses = (await Promise.all(Array.from({ length: 300 }, (_, i) => attempt(i === 279 ? password : `wrong-${i}`)))).map((r) => r.status);
    expect(statuses[279]).toBe(429);
    expect(statuses.filter((s) => s === 200)).toHaveLength(0);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(295);
  });
});

describe('login throttle for honest users (finding 2)', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await TestSystem.start({ workers: [] });
  });
  afterAll(() => sys.close());

  it('lets a user in after a few typos, and a success starts the count afresh', async () => {
    const { username, password } = await sys.user('moderator');
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) {
        const res = await fetch(`${sys.url}/api/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: 'typo' }),
        });
        expect(res.status).toBe(401);
      }
      await StaffClient.login(sys.url, username, password);
    }
  });
});

describe('changing one’s own password (finding 7)', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await TestSystem.start({ workers: [] });
  });
  afterAll(() => sys.close());

  it('ends one’s other sessions and keeps the one that changed it', async () => {
    const { username, password } = await sys.user('admin');
    const here = await StaffClient.login(sys.url, username, password);
    const elsewhere = await StaffClient.login(sys.url, username, password);
    expect((await elsewhere.get('/api/session')).status).toBe(200);

    const res = await here.request('PATCH', `/api/console/users/${here.user.id}`, { password: 'a-new-password-1' });
    expect(res.status).toBe(200);

    // /api/session answers 200 {user: null} without a session; a route that needs one answers 401.
    expect((await elsewhere.get('/api/dashboard')).status).toBe(401);
    expect((await here.get('/api/dashboard')).status).toBe(200);
    await StaffClient.login(sys.url, username, 'a-new-password-1');
  });

  it('leaves one’s sessions alone when something else of one’s own account changes', async () => {
    const { username, password } = await sys.user('admin');
    const here = await StaffClient.login(sys.url, username, password);
    const elsewhere = await StaffClient.login(sys.url, username, password);
    expect((await here.request('PATCH', `/api/console/users/${here.user.id}`, { role: 'admin' })).status).toBe(200);
    expect((await elsewhere.get('/api/session')).status).toBe(200);
  });
});

describe('behind a TLS proxy: SHENHE_TRUST_PROXY (finding 11)', () => {
  let trusting: TestSystem;
  let direct: TestSystem;
  beforeAll(async () => {
    trusting = await TestSystem.start({ workers: [], env: { SHENHE_TRUST_PROXY: 'loopback' } });
    direct = await TestSystem.start({ workers: [] });
  });
  afterAll(async () => {
    await trusting.close();
    await direct.close();
  });

  const login = (sys: TestSystem, username: string, password: string, headers: Record<string, string> = {}) =>
    fetch(`${sys.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ username, password }),
    });

  it('sets a Secure session cookie and HSTS when the original request was HTTPS', async () => {
    const u = await trusting.user('moderator');
    const res = await login(trusting, u.username, u.password, { 'x-forwarded-proto': 'https' });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });

  it('sends neither for plain HTTP through the proxy', async () => {
    const u = await trusting.user('moderator');
    const res = await login(trusting, u.username, u.password, { 'x-forwarded-proto': 'http' });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('ignores X-Forwarded-Proto from peers it does not trust', async () => {
    const u = await direct.user('moderator');
    const res = await login(direct, u.username, u.password, { 'x-forwarded-proto': 'https' });
    expect(res.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('keys the login throttle on the real client address', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await login(trusting, `nobody-${i}`, 'wrong', { 'x-forwarded-for': '198.51.100.7' })).status).toBe(401);
    }
    const u = await trusting.user('moderator');
    expect((await login(trusting, u.username, u.password, { 'x-forwarded-for': '198.51.100.7' })).status).toBe(429);
    expect((await login(trusting, u.username, u.password, { 'x-forwarded-for': '198.51.100.8' })).status).toBe(200);
  });
});
