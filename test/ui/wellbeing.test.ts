import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { TestSystem, type TestTenant } from '../harness/system';
import { launchBrowser, loginThroughForm } from './browser';
import { sqliteOf } from '../harness/fixtures';

jest.setTimeout(120_000);

describe('review UI: images blurred until revealed, greyscale setting, English', () => {
  let sys: TestSystem;
  let browser: Browser;
  let page: Page;
  let tenant: TestTenant;
  let login: { username: string; password: string };

  beforeAll(async () => {
    sys = await TestSystem.start({ env: { SHENHE_IMAGE_OCR: 'false', SHENHE_IMAGE_CLASSIFIER: 'false', SHENHE_IMAGE_THREADS: '1' } });
    tenant = await sys.tenant();
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
    login = await sys.user('moderator');
    await loginThroughForm(page, sys.url, login.username, login.password);
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('shows the blurred variant until the moderator reveals the image, and the reveal is audited', async () => {
    const png = await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 200, g: 40, b: 40 } } })
      .png()
      .toBuffer();
    const r = await sys.post<{ id: string }>(tenant, { externalId: 'img-1', text: '看图', images: [{ name: 'a.png', data: png.toString('base64') }] });
    expect(r.status).toBe(202);
    await sys.until(async () => (await sys.poll<{ status: string }>(tenant, r.body.id)).body.status === 'pending_review', 30_000, 'pending_review');

    await page.getByRole('button', { name: '领取' }).click();
    const img = page.locator('.image-card img');
    await img.waitFor();
    expect(await img.getAttribute('src')).toMatch(/\/images\/0\?variant=blur$/);
    await page.waitForFunction(() => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): { complete: boolean; naturalWidth: number } | null } }).document;
      const el = doc.querySelector('.image-card img');
      return !!el && el.complete && el.naturalWidth > 0;
    });
    expect(
      sqliteOf(sys.store)
        .auditLog.list({ limit: 10, targetType: 'item', targetId: r.body.id })
        .map((e) => e.action),
    ).not.toContain('image.reveal');

    await page.getByRole('button', { name: '显示图片' }).click();
    expect(await img.getAttribute('src')).toMatch(/\/images\/0$/);
    await sys.until(
      async () =>
        sqliteOf(sys.store)
          .auditLog.list({ limit: 10, targetType: 'item', targetId: r.body.id })
          .some((e) => e.action === 'image.reveal'),
      5000,
      'reveal audited',
    );
    await page.getByRole('button', { name: '重新模糊' }).click();
    expect(await img.getAttribute('src')).toMatch(/variant=blur$/);
    await page.keyboard.press('a');
    await sys.until(async () => ['approved', 'published'].includes((await sys.poll<{ status: string }>(tenant, r.body.id)).body.status), 15_000, 'approved');
  });

  it('keeps images greyscale when the moderator chose it, across page loads', async () => {
    await page.getByRole('link', { name: '设置' }).click();
    await page.getByLabel(/灰度/).check();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存').waitFor();
    const r = await sys.post<{ id: string }>(tenant, {
      externalId: 'img-2',
      images: [
        {
          name: 'b.png',
          data: (
            await sharp({ create: { width: 64, height: 64, channels: 3, background: '#3a3' } })
              .png()
              .toBuffer()
          ).toString('base64'),
        },
      ],
    });
    await sys.until(async () => (await sys.poll<{ status: string }>(tenant, r.body.id)).body.status === 'pending_review', 30_000, 'pending_review');
    await page.goto(`${sys.url}/review`);
    await page.getByRole('button', { name: '领取' }).click();
    await page.locator('.image-card.greyscale').waitFor();
    await page.getByRole('button', { name: '显示图片' }).click();
    expect(await page.locator('.image-card.greyscale img.revealed').count()).toBe(1);
    await page.getByRole('button', { name: '通过' }).click();
  });

  it('switches to English while the contract names stay as CONTRACT §9 fixes them', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Lists' }).waitFor();
    for (const name of ['领取', '通过', '驳回', '上报']) expect(await page.getByRole('button', { name, exact: true }).count()).toBe(1);
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('link', { name: '列表' }).waitFor();
  });
});
