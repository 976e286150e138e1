import type { Browser, Page } from 'playwright-core';
import { TestSystem, type TestTenant } from '../harness/system';
import { launchBrowser, loginThroughForm } from './browser';
import { sqliteOf } from '../harness/fixtures';

jest.setTimeout(120_000);

describe('console: incidents, lawful exports and the compliance banner in a real browser', () => {
  let sys: TestSystem;
  let browser: Browser;
  let page: Page;
  let tenant: TestTenant;
  let itemId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    sys = await TestSystem.start();
    tenant = await sys.tenant();
    const r = await sys.post<{ id: string }>(tenant, { externalId: 'cmp-1', title: '事件样本', text: '取证关键词甲乙丙 的一段正文' });
    expect(r.status).toBe(202);
    itemId = r.body.id;
    await sys.until(async () => (await sys.poll<{ status: string }>(tenant, itemId)).body.status === 'pending_review', 30_000, 'pending_review');
    // An incident opened 25 hours ago is past its 24-hour deadline: the banner and the list must say so.
    await sys.store.openIncident({
      title: '逾期的旧事件',
      actor: { type: 'cli', id: null, name: 'test', ip: null },
      now: new Date(Date.now() - 25 * 3600_000),
    });
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })).newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    const officer = await sys.user('officer');
    await loginThroughForm(page, sys.url, officer.username, officer.password);
  });

  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('shows the overdue banner on the duty monitor and the console', async () => {
    await page.getByRole('link', { name: '值班监控' }).click();
    await page.getByRole('alert').filter({ hasText: '1 起安全事件已超过 24 小时报告时限' }).waitFor();
    await page.getByRole('link', { name: '控制台' }).click();
    const banner = page.getByRole('alert').filter({ hasText: '已超过 24 小时报告时限' });
    await banner.waitFor();
    await banner.getByRole('link', { name: '查看事件' }).click();
    await page.waitForURL(/\/console\/incidents$/);
    const overdueRow = page.getByRole('row').filter({ hasText: '逾期的旧事件' });
    await overdueRow.getByText(/已超时/).waitFor();
  });

  it('opens an incident with an item, adds a step that appears in the timeline, links the printable report and closes it', async () => {
    await page.getByRole('link', { name: '安全事件' }).click();
    await page.getByLabel('事件名称').fill('疑似有害信息扩散');
    await page.getByLabel(/关联条目编号/).fill(itemId);
    await page.getByRole('button', { name: '登记安全事件' }).click();

    const detail = page.getByRole('region', { name: '安全事件 疑似有害信息扩散' });
    await detail.waitFor();
    // Open incidents first: the overdue one (earlier deadline), then the new one, with its countdown.
    const newRow = page.getByRole('row').filter({ hasText: '疑似有害信息扩散' });
    await newRow.getByText(/剩余 2[34]小时/).waitFor();
    const held = detail.getByRole('list', { name: '保全条目' }).getByRole('listitem').filter({ hasText: itemId });
    await held.getByText('已保全').waitFor();

    const timeline = detail.getByRole('list', { name: '处置经过' });
    await timeline.getByText(/事件已登记/).waitFor();
    await detail.getByLabel('处置步骤', { exact: true }).fill('已下架相关内容并封禁账号 <b>不是标记</b>');
    await detail.getByRole('button', { name: '添加步骤' }).click();
    await timeline.getByText('已下架相关内容并封禁账号 <b>不是标记</b>').waitFor();
    expect(await timeline.locator('b').count()).toBe(0);

    const incident = sqliteOf(sys.store).db.prepare("SELECT id FROM incidents WHERE title = '疑似有害信息扩散'").get() as { id: string };
    expect((await sys.store.incidentItems(incident.id)).map((i) => i.itemId)).toEqual([itemId]);
    expect((await sys.store.incidentSteps(incident.id)).map((s) => s.kind)).toEqual(['opened', 'items', 'note']);

    const report = detail.getByRole('link', { name: '打印报告' });
    expect(await report.getAttribute('target')).toBe('_blank');
    const [popup] = await Promise.all([page.waitForEvent('popup'), report.click()]);
    await popup.waitForLoadState();
    expect(await popup.title()).toContain(incident.id);
    expect(await popup.content()).toContain('已下架相关内容并封禁账号');
    await popup.close();

    await detail.getByLabel('主管部门报告编号').fill('京网安 2025-17');
    await detail.getByRole('button', { name: '关闭事件' }).click();
    await detail.getByText('京网安 2025-17', { exact: true }).waitFor();
    expect(await sys.store.getIncident(incident.id)).toMatchObject({ status: 'closed', reportReference: '京网安 2025-17' });
    expect(await detail.getByRole('button', { name: '添加步骤' }).count()).toBe(0);
  });

  it('creates a lawful export with its legal basis and lists it with row count, SHA-256 and a download link', async () => {
    await page.getByRole('link', { name: '依法导出' }).click();
    const today = new Date().toISOString().slice(0, 10);
    await page.getByLabel('起始日期').fill(today);
    await page.getByLabel('截止日期').fill(today);
    await page.getByLabel('站点').selectOption(tenant.id);
    await page.getByLabel(/关键词/).fill('甲乙丙');
    await page.getByLabel('法律依据').fill('《网络安全法》第二十八条，公安机关协查函');
    await page.getByRole('button', { name: '创建导出' }).click();
    await page.getByRole('status').getByText('导出完成，共 1 条').waitFor();

    const [record] = await sys.store.listExports();
    expect(record).toMatchObject({
      rows: 1,
      reason: '《网络安全法》第二十八条，公安机关协查函',
      filters: { from: today, to: today, tenantId: tenant.id, keyword: '甲乙丙' },
    });
    const row = page.getByRole('table', { name: '依法导出' }).getByRole('row').filter({ hasText: record.id });
    await row.getByText(record.sha256).waitFor();
    const link = row.getByRole('link', { name: `下载 ${record.id}` });
    expect(await link.getAttribute('href')).toBe(`/api/exports/${record.id}/file`);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`shenhe-export-${record.id}.jsonl`);
    await sys.until(
      async () =>
        sqliteOf(sys.store)
          .auditLog.list({ limit: 10, targetType: 'export', targetId: record.id })
          .some((e) => e.action === 'export.download'),
      5000,
      'download audited',
    );
    expect(pageErrors).toEqual([]);
  });

  it('gives auditors the register and incidents read-only: no forms, no download of the personal data', async () => {
    const auditor = await sys.user('auditor');
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const p = await ctx.newPage();
    await p.goto(sys.url);
    await p.getByLabel('用户名').fill(auditor.username);
    await p.getByLabel('密码').fill(auditor.password);
    // Wait for the session before navigating away, or the next page would still be the login form.
    await Promise.all([p.waitForResponse((r) => r.url().endsWith('/api/login') && r.status() === 200), p.getByRole('button', { name: '登录' }).click()]);
    await p.goto(`${sys.url}/console/incidents`);
    await p.getByRole('button', { name: '疑似有害信息扩散' }).click();
    await p.getByRole('region', { name: '安全事件 疑似有害信息扩散' }).getByRole('link', { name: '打印报告' }).waitFor();
    expect(await p.getByRole('button', { name: '登记安全事件' }).count()).toBe(0);
    await p.getByRole('link', { name: '依法导出' }).click();
    const [record] = await sys.store.listExports();
    await p.getByRole('link', { name: `清单 ${record.id}` }).waitFor();
    expect(await p.getByRole('button', { name: '创建导出' }).count()).toBe(0);
    expect(await p.getByRole('link', { name: `下载 ${record.id}` }).count()).toBe(0);
    await ctx.close();
  });
});
