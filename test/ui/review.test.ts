import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TestSystem, type TestTenant } from '../harness/system';
import { launchBrowser, loginThroughForm, SCREENSHOT } from './browser';

jest.setTimeout(120_000);

describe('review UI in a real browser', () => {
  let sys: TestSystem;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let tenant: TestTenant;
  const pageErrors: string[] = [];

  const post = async (body: Record<string, unknown>): Promise<string> => {
    const r = await sys.post<{ id: string }>(tenant, {
      externalId: `ui-${randomBytes(5).toString('hex')}`,
      author: { id: 'author-7', name: '读者七号' },
      ...body,
    });
    expect(r.status).toBe(202);
    await sys.until(async () => (await sys.poll<{ status: string }>(tenant, r.body.id)).body.status === 'pending_review', 15_000, 'pending_review');
    return r.body.id;
  };
  const statusOf = async (id: string): Promise<string> => (await sys.poll<{ status: string }>(tenant, id)).body.status;
  const untilStatus = (id: string, statuses: string[]) => sys.until(async () => statuses.includes(await statusOf(id)), 20_000, `status ${statuses.join('|')}`);

  beforeAll(async () => {
    sys = await TestSystem.start();
    tenant = await sys.tenant();
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    const mod = await sys.user('senior');
    await loginThroughForm(page, sys.url, mod.username, mod.password);
  });

  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('serves the UI with a strict Content-Security-Policy (no inline scripts)', async () => {
    const res = await fetch(`${sys.url}/review`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=/);
  });

  it('claims an item, highlights its keyword hits in <mark>, and approves it with the A key', async () => {
    // The author's earlier items, decided, so the side panel shows a history with outcomes.
    const senior = await sys.staff('senior');
    const earlier = [await post({ text: '上周的读书会很好，谢谢组织者' }), await post({ text: '需要的加微信领红包' })];
    await senior.post('/api/review/bulk', { itemIds: [earlier[0]], action: 'approve' });
    await senior.post('/api/review/bulk', { itemIds: [earlier[1]], action: 'reject', categories: ['advertising'] });
    const id = await post({
      title: '周末读书会报名',
      text: '周末读书会报名：有需要的朋友可以加微信详聊，也可以打电话 13812345678 咨询。地点在人民公园东门，欢迎大家带上自己喜欢的书。',
      url: 'https://bbs.example.cn/t/1024',
      meta: { board: '同城活动' },
    });
    await page.getByRole('button', { name: '领取' }).click();
    const marks = page.locator('.item-text mark');
    await marks.first().waitFor();
    // Overlapping hits (a phone number that is also personal data) split into segments, each marked.
    expect(await marks.count()).toBeGreaterThanOrEqual(3);
    expect(await marks.allInnerTexts()).toEqual(expect.arrayContaining(['加微信', '13812345678']));
    await page.getByText('已驳回 1').waitFor();
    expect(await marks.first().getAttribute('title')).toMatch(/规则 .+ · 类别 .+ · 分值 \d\.\d\d/);
    await page.screenshot({ path: SCREENSHOT, fullPage: false });
    await page.keyboard.press('A');
    await page.getByText('即将提交').waitFor();
    await untilStatus(id, ['approved', 'published']);
    await page.getByText('当前没有待审内容').waitFor();
  });

  it('rejects with a category chosen by digit', async () => {
    const id = await post({ text: '这是一条普通的评论，等待驳回测试' });
    await page.getByRole('button', { name: '领取' }).click();
    await page.getByText('等待驳回测试').waitFor();
    await page.keyboard.press('R');
    await page.getByRole('button', { name: /广告垃圾/ }).waitFor();
    await page.keyboard.press('1');
    await untilStatus(id, ['rejected']);
    const detail = await (await sys.staff('admin')).get<{ decisions: Array<{ action: string; categories: string[] }> }>(`/api/items/${id}`);
    expect(detail.body.decisions.at(-1)).toMatchObject({ action: 'reject', categories: ['advertising'] });
  });

  it('undoes a decision inside the undo window, then decides with the button', async () => {
    const id = await post({ text: '撤销测试的内容' });
    await page.getByRole('button', { name: '领取' }).click();
    await page.getByText('撤销测试的内容').waitFor();
    await page.keyboard.press('A');
    await page.getByRole('button', { name: /撤销/ }).click();
    await page.getByText('撤销测试的内容').waitFor();
    await new Promise((r) => setTimeout(r, 3500));
    expect(await statusOf(id)).toBe('in_review');
    await page.getByRole('button', { name: '通过' }).click();
    await untilStatus(id, ['approved', 'published']);
    const detail = await (await sys.staff('admin')).get<{ decisions: unknown[] }>(`/api/items/${id}`);
    expect(detail.body.decisions).toHaveLength(1);
  });

  it('shows markup and scripts in user content as text and never runs them', async () => {
    const hostile = '<img src=x onerror=window.__pwned=1><script>window.__pwned=2</script>';
    const id = await post({ title: '<b onmouseover=window.__pwned=3>标题</b>', text: `${hostile} 加微信`, meta: { note: '<svg onload=window.__pwned=4>' } });
    await page.getByRole('button', { name: '领取' }).click();
    const text = page.locator('.item-text');
    await text.getByText('<script>window.__pwned=2</script>', { exact: false }).waitFor();
    expect(await text.innerText()).toContain(hostile);
    expect(await page.locator('.item-text img, .item-text script, .item-title b, .meta svg').count()).toBe(0);
    await page.locator('.item-title').hover();
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.getByRole('button', { name: '通过' }).click();
    await untilStatus(id, ['approved', 'published']);
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('bulk-approves a selection from the pending list, one decision per item', async () => {
    const token = `批量${randomBytes(3).toString('hex')}`;
    const ids = [await post({ text: `${token} 第一条` }), await post({ text: `${token} 第二条` }), await post({ text: `${token} 第三条` })];
    await page.getByRole('link', { name: '列表' }).click();
    await page.getByLabel('搜索文字').fill(token);
    await page.getByRole('button', { name: '应用' }).click();
    // exact: a spam-wave group above the list may also quote the text.
    await page.getByText(`${token} 第三条`, { exact: true }).waitFor();
    await page.getByLabel('全选').check();
    await page.getByRole('button', { name: '批量通过' }).click();
    await page.getByText('已处理: 3').waitFor();
    for (const id of ids) await untilStatus(id, ['approved', 'published']);
    const admin = await sys.staff('admin');
    for (const id of ids) {
      const detail = await admin.get<{ decisions: Array<{ action: string; userId: string }> }>(`/api/items/${id}`);
      expect(detail.body.decisions).toHaveLength(1);
      expect(detail.body.decisions[0].action).toBe('approve');
    }
    // Another moderator's next claim finds nothing left over from the bulk action.
    const other = await sys.staff('moderator');
    expect((await other.post('/api/review/claim')).status).toBe(204);
  });

  it('raised no script errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
