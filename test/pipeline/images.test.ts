import sharp from 'sharp';
import { TestSystem, type TestTenant } from '../harness/system';

type Polled = {
  id: string;
  status: string;
  verdict?: {
    suggestion: string;
    labels: Array<{ category: string; hits: Array<{ field: string; text: string }> }>;
    images?: Array<{ index: number; format: string; width: number; height: number; phash: string }>;
  };
};

/** A JPEG carrying EXIF with GPS coordinates. */
async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'SpyCam', Model: 'X' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 54/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '116/1 23/1 0/1' },
    })
    .toBuffer();
}

describe('images through the pipeline', () => {
  let sys: TestSystem;
  let tenant: TestTenant;

  beforeAll(async () => {
    sys = await TestSystem.start({ env: { SHENHE_IMAGE_CLASSIFIER: 'false', SHENHE_IMAGE_OCR: 'false' } });
    tenant = await sys.tenant();
  });
  afterAll(() => sys.close());

  async function screened(body: unknown): Promise<Polled> {
    const res = await sys.post<{ id: string }>(tenant, body);
    expect(res.status).toBe(202);
    return sys.until(
      async () => {
        const r = await sys.poll<Polled>(tenant, res.body.id);
        return r.body.verdict ? r.body : null;
      },
      60_000,
      'verdict',
    );
  }

  it('stores a re-encoded copy without EXIF or GPS, serves it and its blurred preview to staff only', async () => {
    const original = await jpegWithGps();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const item = await screened({ externalId: 'img-gps', text: '风景照', images: [{ name: 'a.jpg', data: original.toString('base64') }] });
    expect(item.verdict?.images?.[0]).toMatchObject({ index: 0, format: 'jpeg', width: 64, height: 48, phash: expect.stringMatching(/^[0-9a-f]{16}$/) });

    const mod = await sys.staff('moderator');
    for (const variant of ['', '?variant=thumb', '?variant=blur']) {
      const res = await fetch(`${sys.url}/api/items/${item.id}/images/0${variant}`, { headers: { cookie: mod.cookie } });
      expect(res.status).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      const meta = await sharp(bytes).metadata();
      expect(meta.exif).toBeUndefined();
      expect(bytes.includes(Buffer.from('SpyCam'))).toBe(false);
    }
    expect((await fetch(`${sys.url}/api/items/${item.id}/images/0`)).status).toBe(401);
    expect((await fetch(`${sys.url}/api/items/${item.id}/images/5`, { headers: { cookie: mod.cookie } })).status).toBe(404);
  });

  it('blocks an image with a payload appended after its end, as malware', async () => {
    const img = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#123' } })
      .png()
      .toBuffer();
    const payload = Buffer.concat([img, Buffer.from('PK\x03\x04 hidden archive payload <?php system($_GET["c"]); ?>')]);
    const item = await screened({ externalId: 'img-payload', images: [{ name: 'b.png', data: payload.toString('base64') }] });
    expect(item.status).toBe('blocked');
    expect(item.verdict?.suggestion).toBe('block');
    expect(item.verdict?.labels.some((l) => l.category === 'malware')).toBe(true);
  });
});

describe('text read from images', () => {
  let sys: TestSystem;
  let tenant: TestTenant;

  beforeAll(async () => {
    sys = await TestSystem.start({ env: { SHENHE_IMAGE_CLASSIFIER: 'false', SHENHE_IMAGE_OCR: 'true' } });
    tenant = await sys.tenant();
  });
  afterAll(() => sys.close());

  it('reads a WeChat ad written in a picture and reports the hit in images[0].ocr', async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="160"><rect width="100%" height="100%" fill="white"/>
      <text x="20" y="100" font-family="Noto Sans CJK SC" font-size="64" fill="black">加微信领红包</text></svg>`;
    const png = await sharp(Buffer.from(svg)).png().toBuffer();
    const res = await sys.post<{ id: string }>(tenant, { externalId: 'ocr-1', images: [{ name: 'ad.png', data: png.toString('base64') }] });
    const item = await sys.until(
      async () => {
        const r = await sys.poll<Polled>(tenant, res.body.id);
        return r.body.verdict ? r.body : null;
      },
      90_000,
      'verdict',
    );
    const hits = item.verdict!.labels.flatMap((l) => l.hits);
    expect(hits.some((h) => h.field === 'images[0].ocr' && /微信/.test(h.text))).toBe(true);
  });
});
