import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { TestSystem, type TestTenant } from '../harness/system';
import { launchBrowser, loginThroughForm } from './browser';

jest.setTimeout(120_000);

/** The review screen's papercuts from the first trial (issue 16), in a real browser. */
describe('review UI: resume, keys, names and times', () => {
  let sys: TestSystem;
  let browser: Browser;
  let page: Page;
  let tenant: TestTenant;
  let tenantName: string;
  const consoleErrors: string[] = [];

  const post = async (body: Record<string, unknown>): Promise<string> => {
    const r = await sys.post<{ id: string }>(tenant, { externalId: `pc-${randomBytes(5).toString('hex')}`, author: { id: 'a-1' }, ...body });
    expect(r.status).toBe(202);
    await sys.until(async () => (await sys.poll<{ status: string }>(tenant, r.body.id)).body.status === 'pending_review', 15_000, 'pending_review');
    return r.body.id;
  };
  const statusOf = async (id: string): Promise<string> => (await sys.poll<{ status: string }>(tenant, id)).body.status;
  const untilStatus = (id: string, statuses: string[]) => sys.until(async () => statuses.includes(await statusOf(id)), 20_000, `status ${statuses.join('|')}`);
  const categoriesOf = async (id: string): Promise<string[]> => {
    const detail = await (await sys.staff('admin')).get<{ decisions: Array<{ categories: string[] }> }>(`/api/items/${id}`);
    return detail.body.decisions.at(-1)?.categories ?? [];
  };
  const claim = async (text: string): Promise<void> => {
    await page.getByRole('button', { name: '领取', exact: true }).click();
    await page.locator('.item-text').getByText(text).waitFor();
  };

  beforeAll(async () => {
    sys = await TestSystem.start();
    tenant = await sys.tenant();
    tenantName = (await sys.store.getTenant(tenant.id))!.name;
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    const user = await sys.user('senior');
    await loginThroughForm(page, sys.url, user.username, user.password);
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('opens the login page without any error in the console (no 401 for the session probe)', async () => {
    const fresh = await browser.newPage();
    const errors: string[] = [];
    fresh.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const failed: string[] = [];
    fresh.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
    await fresh.goto(sys.url);
    await fresh.getByRole('button', { name: '登录', exact: true }).waitFor();
    await fresh.waitForLoadState('networkidle');
    await fresh.close();
    expect({ errors, failed }).toEqual({ errors: [], failed: [] });
  });

  it('shows the keys on the decision buttons while their accessible names stay exactly 通过, 驳回, 上报', async () => {
    for (const [name, key] of [
      ['通过', 'A'],
      ['驳回', 'R'],
      ['上报', 'E'],
    ]) {
      const button = page.getByRole('button', { name, exact: true });
      expect(await button.count()).toBe(1);
      expect(await button.getAttribute('aria-keyshortcuts')).toBe(key);
      expect((await button.innerText()).replace(/\s+/g, ' ').trim()).toBe(`${name} ${key}`);
    }
  });

  it('gives all twelve categories a key in the reject chooser, and = and - reject as the last two', async () => {
    const first = await post({ text: '第十二类键盘测试' });
    await claim('第十二类键盘测试');
    await page.keyboard.press('R');
    const chooser = page.getByRole('region', { name: /驳回类别/ });
    await chooser.waitFor();
    const keys = await chooser.locator('.category-grid button').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-keyshortcuts')));
    expect(keys).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-', '=']);
    // The chooser's own text says what the keys do: they reject at once, Shift selects several.
    expect(await chooser.innerText()).toMatch(/1–9、0、-、= 立即以该类别驳回；Shift\+按键可多选，再按 Enter 驳回所选/);
    await page.keyboard.press('=');
    await untilStatus(first, ['rejected']);
    expect(await categoriesOf(first)).toEqual(['constitution']);

    const second = await post({ text: '第十一类多选测试' });
    await claim('第十一类多选测试');
    await page.keyboard.press('R');
    await chooser.waitFor();
    await page.keyboard.press('Shift+-');
    await page.keyboard.press('Shift+1');
    await page.keyboard.press('Enter');
    await untilStatus(second, ['rejected']);
    expect((await categoriesOf(second)).sort()).toEqual(['advertising', 'national_honor']);
  });

  it('resumes the claim it holds after a reload and after visiting another screen, instead of an empty screen', async () => {
    const id = await post({ text: '刷新后继续审核' });
    await claim('刷新后继续审核');
    await page.reload();
    await page.locator('.item-text').getByText('刷新后继续审核').waitFor();
    expect(await statusOf(id)).toBe('in_review');

    await page.getByRole('link', { name: '列表' }).click();
    await page.getByRole('link', { name: '审核' }).click();
    await page.locator('.item-text').getByText('刷新后继续审核').waitFor();
    await page.getByRole('button', { name: '通过', exact: true }).click();
    await untilStatus(id, ['approved', 'published']);
    await page.reload();
    await page.getByRole('button', { name: '领取', exact: true }).waitFor();
    expect(await page.locator('.item-text').count()).toBe(0);
  });

  it("shows the site's name, and Chinese names for sub-labels", async () => {
    const id = await post({ text: '有需要的加微信详聊' });
    await claim('有需要的加微信详聊');
    const meta = page.locator('details.meta');
    expect(await meta.innerText()).toContain(tenantName);
    expect(await meta.innerText()).not.toContain(tenant.id);
    const hits = page.getByRole('region', { name: /命中/ });
    expect(await hits.innerText()).toContain('联系方式引流');
    expect(await hits.innerText()).not.toMatch(/\/ contact\b/);
    await page.getByRole('button', { name: '通过', exact: true }).click();
    await untilStatus(id, ['approved', 'published']);
  });

  it('shows the submission time (not an age) in the list, and the site name', async () => {
    const token = `时间${randomBytes(3).toString('hex')}`;
    const id = await post({ text: `${token} 列表时间` });
    const createdAt = (await sys.store.getItem(id))!.createdAt;
    await page.getByRole('link', { name: '列表' }).click();
    await page.getByLabel('搜索文字').fill(token);
    await page.getByRole('button', { name: '应用' }).click();
    const row = page.getByRole('row').filter({ hasText: token });
    await row.waitFor();
    const time = row.locator('time');
    expect(await time.getAttribute('datetime')).toBe(createdAt);
    // The browser's own zh-CN rendering of that instant, e.g. 2026/12/6 12:30:05: a date and a clock time.
    const shown = await time.innerText();
    expect(shown).toBe(await page.evaluate((iso) => new Date(iso).toLocaleString('zh-CN', { hour12: false }), createdAt));
    expect(shown).toMatch(/\d{4}\/\d{1,2}\/\d{1,2} \d{1,2}:\d{2}:\d{2}/);
    expect(await row.innerText()).toContain(tenantName);
    await page.getByRole('link', { name: '审核' }).click();
  });

  it('logged no errors in the console', () => {
    expect(consoleErrors).toEqual([]);
  });
});
