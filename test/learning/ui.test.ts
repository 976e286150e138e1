import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { TestSystem, type TestTenant } from '../harness/system';
import { launchBrowser, loginThroughForm } from '../ui/browser';
import type { Verdict } from '../../rules/types';
import { promo } from './promo';

jest.setTimeout(120_000);

describe('learning in the review screen (real browser)', () => {
  let sys: TestSystem;
  let browser: Browser;
  let page: Page;
  let tenant: TestTenant;

  const post = async (text: string): Promise<string> => {
    const r = await sys.post<{ id: string }>(tenant, { externalId: `ln-${randomBytes(5).toString('hex')}`, text });
    await sys.until(async () => (await sys.poll<{ status: string }>(tenant, r.body.id)).body.status === 'pending_review', 15_000, 'pending_review');
    return r.body.id;
  };
  const learned = async (id: string): Promise<boolean> => ((await sys.store.getVerdict(id))!.body as Verdict).labels.some((l) => l.source === 'learned');

  beforeAll(async () => {
    sys = await TestSystem.start({ env: { SHENHE_LEARNING_REFRESH_MS: '200' } });
    tenant = await sys.tenant();
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' })).newPage();
    const senior = await sys.user('senior');
    await loginThroughForm(page, sys.url, senior.username, senior.password);
  });

  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('explains a learned label with a link to the similar item, and decides the waiting wave with one confirmation', async () => {
    const staff = await sys.staff('moderator');
    const rejected = [await post(promo(1)), await post(promo(2)), await post(promo(3))];
    await staff.post('/api/review/bulk', { itemIds: rejected, action: 'reject', categories: ['advertising'] });
    const wave: string[] = [];
    let n = 10;
    await sys.until(
      async () => {
        const id = await post(promo(n++));
        wave.push(id);
        return learned(id);
      },
      60_000,
      'a learned label',
    );
    wave.push(await post(promo(n++)), await post(promo(n++)));

    await page.getByRole('button', { name: '领取' }).click();
    await page.getByText('与 3 条已驳回内容相似').waitFor();
    await page.getByRole('button', { name: '查看相似条目' }).click();
    await page.locator('aside.drawer').waitFor();
    await page.locator('aside.drawer').getByRole('button', { name: '关闭' }).click();

    const claimed = await sys.until(async () => {
      for (const id of wave) if ((await sys.poll<{ status: string }>(tenant, id)).body.status === 'in_review') return id;
      return null;
    });
    const others = wave.filter((id) => id !== claimed);
    await page.getByText(`相似 ${others.length} 条`).click();
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: '全部驳回' }).click();
    await page.getByText(`已处理: ${others.length}`).waitFor();
    for (const id of others) expect((await sys.poll<{ status: string }>(tenant, id)).body.status).toBe('rejected');
    // The item under review is untouched: it is decided on its own lease, as ever.
    expect((await sys.poll<{ status: string }>(tenant, claimed)).body.status).toBe('in_review');
  });

  it('lists a waiting spam wave as one group that one bulk approval decides', async () => {
    const flash = (n: number) => `限时秒杀活动今晚八点开始${'！'.repeat(n)}全场商品一元起拍数量有限先到先得快来抢购吧`;
    const wave = [await post(flash(1)), await post(flash(2)), await post(flash(3))];
    await page.goto(`${sys.url}/lists`);
    const row = page.locator('.similar-group li', { hasText: '限时秒杀' });
    await row.getByText('相似 3 条').waitFor();
    await row.getByRole('button', { name: '选中这一组' }).click();
    await page.getByText('选择: 3').waitFor();
    await page.getByRole('button', { name: '批量通过' }).click();
    await page.getByText('已处理: 3').waitFor();
    for (const id of wave) expect(['approved', 'published']).toContain((await sys.poll<{ status: string }>(tenant, id)).body.status);
  });
});
