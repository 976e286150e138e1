import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findUiDir } from '../../api/server';

export const CHROMIUM = process.env.SHENHE_CHROMIUM ?? '/usr/bin/chromium';

/** Debian's chromium, headless, without the sandbox and background services a CI container cannot offer. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install -y chromium (.ci/run does it)`);
  if (!findUiDir()) throw new Error('review-ui/dist not built: run `npm run build` first');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Logs in through the labelled form of CONTRACT §9, as a person (or a screen reader) would. */
export async function loginThroughForm(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(baseUrl);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: '领取' }).waitFor();
}

/** The README's screenshot is rewritten only when asked (SHENHE_UPDATE_SCREENSHOT=1), so test runs leave the tree clean. */
export const SCREENSHOT = process.env.SHENHE_UPDATE_SCREENSHOT
  ? path.join(__dirname, '..', '..', 'docs', 'review-screen.png')
  : path.join(os.tmpdir(), 'shenhe-review-screen.png');
