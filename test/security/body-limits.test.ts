import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { MAX_JSON_TEXT_BYTES } from '../../api/ingest/body';
import { JsonImageScanner } from '../../api/ingest/json-image-scanner';
import { TestSystem, type TestTenant } from '../harness/system';

/** Bytes that pass the ingest sniffer as a PNG (screening is not running here, so they are never decoded). */
const fakePng = (bytes: number): Buffer => Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), randomBytes(bytes - 16)]);

/** Issue 14, finding 3: what a body can cost. */
describe('body limits (finding 3)', () => {
  let sys: TestSystem;
  let tenant: TestTenant;
  beforeAll(async () => {
    sys = await TestSystem.start({ workers: [] });
    tenant = await sys.tenant();
  });
  afterAll(() => sys.close());

  it('refuses a 20 MB text-only JSON body with 413 (not buffered up to the image cap and then parsed)', async () => {
    const body = JSON.stringify({ externalId: 'big-text', text: 'a'.repeat(20_000_000) });
    const res = await sys.post(tenant, body);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('counts image-looking data outside images[i].data as text: nested under meta, or as an image name', async () => {
    const blob = 'A'.repeat(2_000_000);
    expect((await sys.post(tenant, JSON.stringify({ externalId: 'n1', text: 'x', meta: { images: [{ data: blob }] } }))).status).toBe(413);
    expect((await sys.post(tenant, JSON.stringify({ externalId: 'n2', images: [{ name: blob, data: 'AAAA' }] }))).status).toBe(413);
  });

  it('accepts the longest valid text written entirely in escapes (50,000 emoji as \\uXXXX\\uXXXX)', async () => {
    const text = '\\ud83d\\ude00'.repeat(50_000);
    const body = `{"externalId":"escaped","title":"t","text":"${text}"}`;
    expect(Buffer.byteLength(body)).toBeLessThan(MAX_JSON_TEXT_BYTES);
    const res = await sys.post(tenant, body);
    expect(res.status).toBe(202);
  });

  it('accepts JSON images well past the text limit, within their own cap', async () => {
    const images = [0, 1, 2].map((i) => ({ name: `p${i}.png`, data: fakePng(9 * 1024 * 1024).toString('base64') }));
    const res = await sys.post(tenant, { externalId: 'big-images', text: 'hi', images });
    expect(res.status).toBe(202);
  });

  it('streams multipart images to private temp files and removes them', async () => {
    const form = new FormData();
    form.append('externalId', 'multi-1');
    form.append('text', 'hi');
    for (let i = 0; i < 2; i++) form.append('images', new Blob([fakePng(9 * 1024 * 1024)], { type: 'image/png' }), `m${i}.png`);
    const res = await fetch(`${sys.url}/v1/contents`, { method: 'POST', headers: { authorization: `Bearer ${tenant.apiKey}` }, body: form });
    expect(res.status).toBe(202);
    const tmp = path.join(sys.dataDir, 'tmp');
    expect(existsSync(tmp) ? readdirSync(tmp) : []).toEqual([]);
  });

  it('refuses an 11 MiB multipart image with 413', async () => {
    const form = new FormData();
    form.append('externalId', 'multi-2');
    form.append('images', new Blob([fakePng(11 * 1024 * 1024)], { type: 'image/png' }), 'big.png');
    const res = await fetch(`${sys.url}/v1/contents`, { method: 'POST', headers: { authorization: `Bearer ${tenant.apiKey}` }, body: form });
    expect(res.status).toBe(413);
  });
});

describe('JsonImageScanner', () => {
  const scan = (text: string, chunk = 7): JsonImageScanner => {
    const s = new JsonImageScanner();
    const buf = Buffer.from(text);
    for (let i = 0; i < buf.length; i += chunk) s.feed(buf.subarray(i, i + chunk));
    return s;
  };

  it('counts every byte but those of images[i].data, whatever the chunking', () => {
    const data = 'QUJD'.repeat(100);
    const body = JSON.stringify({ a: 'x"y\\z', images: [{ name: 'n.png', data }, { data }], text: '文字' });
    for (const chunk of [1, 3, 7, 1000]) expect(scan(body, chunk).otherBytes).toBe(Buffer.byteLength(body) - 2 * data.length);
  });

  it('does not take a key that merely looks like images for the top-level one', () => {
    const data = 'QUJD'.repeat(100);
    const body = JSON.stringify({ meta: { images: [{ data }] } });
    expect(scan(body).otherBytes).toBe(Buffer.byteLength(body));
  });
});
