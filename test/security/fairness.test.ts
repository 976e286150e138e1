import sharp from 'sharp';
import { FairQueue } from '../../lib/fair-queue';
import { ImageAnalyser } from '../../media/image-analyser';

/** A noisy PNG: decoding and hashing it is real work for the image thread. */
async function png(size: number, seed: number): Promise<Buffer> {
  const raw = Buffer.alloc(size * size * 3);
  let x = seed * 2654435761;
  for (let i = 0; i < raw.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    raw[i] = x >>> 24;
  }
  return sharp(raw, { raw: { width: size, height: size, channels: 3 } })
    .png()
    .toBuffer();
}

/** Issue 14, finding 4: one tenant's images must not starve another's. */
describe('the image stage shares its threads between tenants (finding 4)', () => {
  let analyser: ImageAnalyser;
  afterEach(() => analyser?.close());

  it('analyses tenant B’s small image right after the image in progress, not after all of tenant A’s', async () => {
    analyser = new ImageAnalyser({ threads: 1, ocr: false, classifier: false });
    const big = await Promise.all([1, 2, 3, 4, 5, 6].map((s) => png(800, s)));
    const small = await png(64, 99);
    const done: string[] = [];
    const track = (name: string, p: Promise<unknown>) => p.then(() => done.push(name));
    const all = big.map((buf, i) => track(`A${i}`, analyser.analyse(buf, i, 'tenant-a')));
    all.push(track('B', analyser.analyse(small, 0, 'tenant-b')));
    await Promise.all(all);
    expect(done.indexOf('B')).toBeLessThanOrEqual(1);
    expect(done.filter((n) => n.startsWith('A'))).toEqual(['A0', 'A1', 'A2', 'A3', 'A4', 'A5']);
  });
});

describe('FairQueue', () => {
  it('serves the key served least first, each key in its own order', () => {
    const q = new FairQueue<string>();
    for (const item of ['a1', 'a2', 'a3', 'a4']) q.push('a', item);
    q.push('b', 'b1');
    q.push('c', 'c1');
    q.push('b', 'b2');
    expect(q.length).toBe(7);
    expect(q.drain()).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3', 'a4']);
    expect(q.length).toBe(0);
    expect(q.shift()).toBeUndefined();
  });

  it('puts a key that was just served behind a newcomer, without letting an idle key catch up in a burst', () => {
    const q = new FairQueue<string>();
    q.push('a', 'a0');
    expect(q.shift()).toBe('a0');
    for (const item of ['a1', 'a2', 'a3']) q.push('a', item);
    q.push('b', 'b0');
    expect(q.shift()).toBe('b0');
    expect(q.drain()).toEqual(['a1', 'a2', 'a3']);
    for (let i = 0; i < 50; i++) {
      q.push('a', `x${i}`);
      q.shift();
    }
    // b was idle while a was served 50 times: from now on they alternate, b gets no run of 50.
    for (const item of ['a-late1', 'a-late2']) q.push('a', item);
    for (const item of ['b1', 'b2', 'b3']) q.push('b', item);
    expect(q.drain()).toEqual(['b1', 'a-late1', 'b2', 'a-late2', 'b3']);
  });
});
