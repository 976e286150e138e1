import sharp from 'sharp';
import { TestSystem, type TestTenant } from '../harness/system';
import { sqliteOf } from '../harness/fixtures';

const jpeg = (): Promise<Buffer> =>
  sharp({ create: { width: 8, height: 8, channels: 3, background: '#c33' } })
    .jpeg()
    .toBuffer();

describe('ingest API (CONTRACT §3)', () => {
  let sys: TestSystem;
  let tenant: TestTenant;

  beforeAll(async () => {
    sys = await TestSystem.start({ workers: [] });
    tenant = await sys.tenant();
  });
  afterAll(() => sys.close());

  const count = (): number => (sqliteOf(sys.store).db.prepare('SELECT COUNT(*) AS n FROM items').get() as { n: number }).n;

  async function expectError(res: { status: number; body: unknown }, status: number, code: string): Promise<void> {
    expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { error: { code, message: expect.any(String) } } });
  }

  it('accepts a text item with 202 and stores it durably before answering', async () => {
    const res = await sys.post<{ id: string; externalId: string; status: string }>(tenant, {
      externalId: 'ok-1',
      kind: 'comment',
      text: '你好',
      author: { id: 'u1', ip: '203.0.113.9' },
      meta: { a: 1 },
    });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: expect.stringMatching(/^it_/), externalId: 'ok-1', status: 'screening' });
    expect((await sys.store.getItem(res.body.id))?.text).toBe('你好');
  });

  it('returns the existing item with 200 on an identical retry, and 409 IDEMPOTENCY_CONFLICT on a different body', async () => {
    const body = { externalId: 'idem-1', text: 'same' };
    const first = await sys.post<{ id: string }>(tenant, body);
    const again = await sys.post<{ id: string }>(tenant, body);
    expect(first.status).toBe(202);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    await expectError(await sys.post(tenant, { externalId: 'idem-1', text: 'other' }), 409, 'IDEMPOTENCY_CONFLICT');
  });

  it('answers 401 without a key and with a wrong key', async () => {
    const res = await fetch(`${sys.url}/v1/contents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    await expectError(await sys.post({ ...tenant, apiKey: 'sk_wrongwrongwrong' }, { externalId: 'x', text: 'y' }), 401, 'UNAUTHORIZED');
  });

  it('answers 403 OFFICER_NOT_REGISTERED until the tenant registers its security officer', async () => {
    const bare = await sys.tenant({ officer: false });
    const before = count();
    await expectError(await sys.post(bare, { externalId: 'o-1', text: 'hi' }), 403, 'OFFICER_NOT_REGISTERED');
    expect(count()).toBe(before);
  });

  it.each([
    ['invalid JSON', '{"externalId":', 'INVALID_JSON'],
    ['a JSON array', '[1,2]', 'INVALID_BODY'],
    ['no externalId', { text: 'x' }, 'INVALID_BODY'],
    ['an empty externalId', { externalId: '', text: 'x' }, 'INVALID_BODY'],
    ['an externalId over 128 characters', { externalId: 'e'.repeat(129), text: 'x' }, 'INVALID_BODY'],
    ['a title over 500 characters', { externalId: 't1', title: '标'.repeat(501) }, 'INVALID_BODY'],
    ['a text over 50,000 characters', { externalId: 't2', text: '字'.repeat(50_001) }, 'INVALID_BODY'],
    ['a kind over 32 characters', { externalId: 't3', text: 'x', kind: 'k'.repeat(33) }, 'INVALID_BODY'],
    ['no title, text or images', { externalId: 't4' }, 'EMPTY_CONTENT'],
    ['meta over 4 KiB', { externalId: 't5', text: 'x', meta: { big: 'm'.repeat(5000) } }, 'INVALID_BODY'],
    ['meta deeper than 4 levels', { externalId: 't6', text: 'x', meta: { a: { b: { c: { d: { e: 1 } } } } } }, 'INVALID_BODY'],
    ['meta that is not an object', { externalId: 't7', text: 'x', meta: [1] }, 'INVALID_BODY'],
    ['a url that is not http(s)', { externalId: 't8', text: 'x', url: 'javascript:alert(1)' }, 'INVALID_BODY'],
    ['a url over 2,048 characters', { externalId: 't9', text: 'x', url: `https://a.cn/${'p'.repeat(2050)}` }, 'INVALID_BODY'],
    ['an author ip that is not an address', { externalId: 't10', text: 'x', author: { id: 'a', ip: 'nope' } }, 'INVALID_BODY'],
    ['text that is not a string', { externalId: 't11', text: 42 }, 'INVALID_BODY'],
    ['an unpaired surrogate', '{"externalId":"t12","text":"a\\ud800b"}', 'INVALID_BODY'],
    ['more than 9 images', { externalId: 't13', images: Array.from({ length: 10 }, () => ({ data: 'AAAA' })) }, 'INVALID_BODY'],
    ['image data that is not base64', { externalId: 't14', images: [{ data: '%%%' }] }, 'INVALID_BODY'],
  ])('answers 400 to %s, naming the problem, and stores nothing', async (_name, body, code) => {
    const before = count();
    const res = await sys.post<{ error: { message: string } }>(tenant, body);
    await expectError(res, 400, code);
    expect(count()).toBe(before);
  });

  it('names the field in a 400 message', async () => {
    const res = await sys.post<{ error: { message: string } }>(tenant, { externalId: 'f1', title: 'x'.repeat(501) });
    expect(res.body.error.message).toMatch(/^title:/);
  });

  it('answers 400 INVALID_ENCODING to bytes that are not UTF-8, instead of replacing them', async () => {
    const bytes = Buffer.concat([Buffer.from('{"externalId":"enc-1","text":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]);
    await expectError(await sys.post(tenant, bytes), 400, 'INVALID_ENCODING');
  });

  it('answers 415 to other content types and charsets', async () => {
    await expectError(await sys.post(tenant, 'externalId=x', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    await expectError(
      await sys.post(tenant, '{"externalId":"x","text":"y"}', { 'content-type': 'application/json; charset=latin1' }),
      415,
      'UNSUPPORTED_CHARSET',
    );
  });

  it('answers 415 to an SVG or any other non-image upload', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>').toString('base64');
    await expectError(await sys.post(tenant, { externalId: 'svg-1', images: [{ name: 'a.jpg', data: svg }] }), 415, 'UNSUPPORTED_IMAGE_TYPE');
    const exe = Buffer.from('MZ\x90\x00rest-of-an-exe').toString('base64');
    await expectError(await sys.post(tenant, { externalId: 'exe-1', images: [{ name: 'a.png', data: exe }] }), 415, 'UNSUPPORTED_IMAGE_TYPE');
  });

  it('answers 413 to an image over 10 MiB', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 10, 1);
    (await jpeg()).copy(big);
    await expectError(await sys.post(tenant, { externalId: 'big-1', images: [{ data: big.toString('base64') }] }), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers 413 to a body larger than nine full images', async () => {
    const huge = `{"externalId":"h","text":"${'x'.repeat(130 * 1024 * 1024)}"}`;
    await expectError(await sys.post(tenant, huge), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('accepts images as base64 JSON and as multipart file parts', async () => {
    const img = await jpeg();
    const json = await sys.post<{ id: string }>(tenant, { externalId: 'img-1', images: [{ name: 'a.jpg', data: img.toString('base64') }] });
    expect(json.status).toBe(202);
    expect((await sys.store.imagesOf(json.body.id)).map((i) => i.sniffedFormat)).toEqual(['jpeg']);

    const form = new FormData();
    form.set('externalId', 'mp-1');
    form.set('text', '多部分表单');
    form.set('author', JSON.stringify({ id: 'u-7' }));
    form.append('images', new Blob([img], { type: 'image/jpeg' }), 'b.jpg');
    form.append('images', new Blob([img], { type: 'image/jpeg' }), 'c.jpg');
    const res = await fetch(`${sys.url}/v1/contents`, { method: 'POST', headers: { authorization: `Bearer ${tenant.apiKey}` }, body: form });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const item = await sys.store.getItem(id);
    expect(item).toMatchObject({ text: '多部分表单', authorId: 'u-7', imageCount: 2 });
  });

  it('answers 404 to another tenant’s item and to an unknown id', async () => {
    const other = await sys.tenant();
    const { body } = await sys.post<{ id: string }>(tenant, { externalId: 'mine-1', text: 'x' });
    await expectError(await sys.poll(other, body.id), 404, 'CONTENT_NOT_FOUND');
    await expectError(await sys.poll(tenant, 'it_nope'), 404, 'CONTENT_NOT_FOUND');
  });

  it('answers 429 with Retry-After over the tenant rate limit', async () => {
    const limited = await TestSystem.start({ workers: [], env: { SHENHE_RATE_LIMIT_PER_TENANT: '2' } });
    try {
      const t = await limited.tenant();
      const results = [];
      for (let i = 0; i < 8; i++) results.push(await limited.post(t, { externalId: `rl-${i}`, text: 'x' }));
      const limitedRes = results.find((r) => r.status === 429);
      expect(limitedRes).toBeDefined();
      expect(Number(limitedRes!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(limitedRes!.body).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    } finally {
      await limited.close();
    }
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await fetch(`${sys.url}/v1/nothing`, { headers: { authorization: `Bearer ${tenant.apiKey}` } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
