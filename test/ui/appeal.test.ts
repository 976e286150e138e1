import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { TestSystem, type TestTenant } from '../harness/system';
import { launchBrowser, loginThroughForm } from './browser';

jest.setTimeout(120_000);

describe('review UI: an appeal is shown beside the decision it is against', () => {
  let sys: TestSystem;
  let browser: Browser;
  let page: Page;
  let tenant: TestTenant;

  beforeAll(async () => {
    sys = await TestSystem.start();
    tenant = await sys.tenant();
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('shows the reason, the rejection with its moderator and the verdict, then decides the appeal with the A key', async () => {
    const r = await sys.post<{ id: string }>(tenant, { externalId: `ap-${randomBytes(4).toString('hex')}`, text: '有需要的朋友加微信详聊' });
    const id = r.body.id;
    await sys.until(async () => (await sys.store.getItem(id))?.status === 'pending_review', 15_000, 'pending_review');
    const rejecter = await sys.staff('moderator');
    expect(
      (await rejecter.post<{ decided: number }>('/api/review/bulk', { itemIds: [id], action: 'reject', categories: ['advertising'], note: '广告' })).body
        .decided,
    ).toBe(1);
    const res = await fetch(`${sys.url}/v1/contents/${id}/appeals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tenant.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: '这是读书会的组织者在发通知 <b>不是广告</b>' }),
    });
    expect(res.status).toBe(201);

    const senior = await sys.user('senior');
    await loginThroughForm(page, sys.url, senior.username, senior.password);
    await page.getByRole('button', { name: '领取' }).click();
    const panel = page.getByRole('region', { name: '申诉' });
    await panel.waitFor();
    // The reason is user content: shown as text, markup and all.
    await panel.getByText('这是读书会的组织者在发通知 <b>不是广告</b>').waitFor();
    expect(await panel.innerText()).toContain(rejecter.user.username);
    expect(await panel.innerText()).toContain('ads.wechat');
    await page.keyboard.press('A');
    await sys.until(async () => (await sys.store.getItem(id))?.status === 'published', 20_000, 'published');
    expect((await sys.store.appealOf(id))?.status).toBe('approved');

    // The duty dashboard counts the overturn against the moderator who rejected it, and against the rule.
    await page.goto(`${sys.url}/dashboard`);
    const stats = page.getByRole('region', { name: '申诉' });
    await stats.getByRole('cell', { name: rejecter.user.username }).waitFor();
    expect(await stats.getByRole('row', { name: new RegExp(rejecter.user.username) }).innerText()).toMatch(/1\s+1 \(100%\)/);
    await stats.getByRole('cell', { name: 'ads.wechat' }).waitFor();
  });
});
