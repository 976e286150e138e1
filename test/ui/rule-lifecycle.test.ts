import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { newId } from '../../lib/ids';
import { TestSystem, type TestTenant } from '../harness/system';
import { launchBrowser, loginThroughForm } from './browser';

jest.setTimeout(120_000);

describe('console in a real browser: shadow rules and the backtest in the rule editor', () => {
  let sys: TestSystem;
  let browser: Browser;
  let page: Page;
  let tenant: TestTenant;
  let rulesDir: string;

  beforeAll(async () => {
    rulesDir = mkdtempSync(path.join(os.tmpdir(), 'shenhe-ui-rules-'));
    writeFileSync(path.join(rulesDir, 'watch.yaml'), 'category: advertising\nrules:\n  - id: op.watch\n    mode: shadow\n    terms: [酸辣粉批发]\n');
    sys = await TestSystem.start({ env: { SHENHE_RULES_DIR: rulesDir } });
    tenant = await sys.tenant();
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.close();
    rmSync(rulesDir, { recursive: true, force: true });
  });

  it('lists a shadow rule with its live hits and switches it live; backtests an edited pack before saving it', async () => {
    const { body } = await sys.post<{ id: string }>(tenant, { externalId: newId('ui'), text: '酸辣粉批发，欢迎来电' });
    await sys.until(async () => (await sys.store.getItem(body.id))?.status === 'pending_review', 15_000, 'pending_review');

    const officer = await sys.user('officer');
    await loginThroughForm(page, sys.url, officer.username, officer.password);
    await page.goto(`${sys.url}/console/rules`);

    const shadow = page.getByRole('region', { name: /影子规则/ });
    const row = shadow.getByRole('row', { name: /op\.watch/ });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/op\.watch[\s\S]*1\s+0\s+0\s+1/);
    await row.getByRole('button', { name: '转为正式规则' }).click();
    await shadow.getByRole('status').filter({ hasText: '已转为正式规则' }).waitFor();
    expect(readFileSync(path.join(rulesDir, 'watch.yaml'), 'utf8')).not.toContain('mode:');

    await page.getByRole('button', { name: '新建规则包' }).click();
    const editor = page.getByRole('region', { name: 'operator-new' });
    await editor.locator('textarea').fill('category: advertising\nrules:\n  - id: op.noodles\n    terms: [酸辣粉]\n');
    await editor.getByRole('button', { name: '回测' }).click();
    const result = editor.getByRole('region', { name: '回测' });
    await result.getByRole('row', { name: /op\.noodles/ }).waitFor();
    expect(await result.innerText()).toContain('1 条内容');
    expect(await result.getByRole('row', { name: /op\.noodles/ }).innerText()).toMatch(/op\.noodles\s+1\s+0\s+0/);
  });
});
