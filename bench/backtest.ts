/*
 * Backtest throughput (CONTRACT §13: at least 20,000 stored items per second per core): a SQLite store of
 * comment-sized items, some decided by a moderator, backtested with a small trial pack on top of the shipped packs
 * and the classifier, against peers in the same run — one plain screening pass over the same items (what the
 * backtest's two filters cost beyond it) and the store's page scan alone (the floor).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backtestFilters, runBacktest, withChangedPacks, type BacktestItem } from '../rules/backtest';
import { loadClassifier } from '../rules/filter';
import { loadPacks, parsePack, shippedPacksDir } from '../rules/packs';
import { SqliteStore } from '../store/sqlite/sqlite-store';
import { seedBacktestFixture } from '../store/sqlite/bench-fixtures';
import { mulberry32 } from './rng';

export const name = 'backtest';

const ITEMS = 50_000;

/** Everyday comment fragments, a few with ads, so rules fire now and then as on a real site. */
const FRAGMENTS = [
  '今天天气不错，带孩子去公园玩了一下午',
  '这家店的牛肉面味道很正宗，就是排队有点久',
  '楼主说得对，我也遇到过一样的问题',
  '快递三天就到了，包装完好，给个好评',
  '有没有人知道地铁几点停运',
  '周末一起去爬山吗',
  '这个版本的更新修复了不少bug',
  '需要的朋友可以加微信详聊',
  '老师讲得很清楚，终于听懂了',
  '电影后半段节奏有点慢，但结局很感人',
  '兼职日结，手机就能做',
  '谢谢分享，收藏了',
];

function itemText(rand: () => number): string {
  let s = '';
  const parts = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < parts; i++) s += FRAGMENTS[Math.floor(rand() * FRAGMENTS.length)] + '。';
  return s;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

export async function run(): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shenhe-bench-backtest-'));
  try {
    const store = new SqliteStore(dir, { synchronous: 'NORMAL' });
    seedBacktestFixture(store, ITEMS, mulberry32(7), itemText);

    const inForce = loadPacks([shippedPacksDir()]);
    const trial = parsePack('category: advertising\nrules:\n  - id: trial.jobs\n    terms: [日结]\n  - id: trial.noodles\n    terms: [牛肉面]\n', 'trial.yaml');
    const model = loadClassifier();
    const filters = backtestFilters(inForce, withChangedPacks(inForce, [trial]), model, { shippedDir: shippedPacksDir() });
    const since = new Date(0).toISOString();
    const items = () => store.backtestItems({ since });

    const scan = async (): Promise<number> => {
      let n = 0;
      for await (const batch of items()) n += batch.length;
      return n;
    };
    const screenOnce = async (): Promise<number> => {
      let n = 0;
      for await (const batch of items())
        for (const it of batch as BacktestItem[]) n += filters.before.screen({ text: it.text ?? '' }).labels.length >= 0 ? 1 : 0;
      return n;
    };
    // Warm-up, then best of three each, interleaved so the ratios share the machine's load.
    await runBacktest(items(), filters, ['trial.jobs']);
    await screenOnce();
    const best = { backtest: Infinity, screen: Infinity, scan: Infinity };
    let report = null;
    for (let round = 0; round < 3; round++) {
      const b = await timed(() => runBacktest(items(), filters, ['trial.jobs', 'trial.noodles']));
      report = b.value;
      best.backtest = Math.min(best.backtest, b.ms);
      best.screen = Math.min(best.screen, (await timed(screenOnce)).ms);
      best.scan = Math.min(best.scan, (await timed(scan)).ms);
    }
    await store.close();
    const perSec = (ms: number) => Math.round((ITEMS * 1000) / ms);
    return [
      `## Backtest (${ITEMS.toLocaleString('en')} stored comments of 15–60 characters, shipped packs + a 2-rule trial pack, classifier ${model ? model.version : 'off'})`,
      '',
      '| pass | items/s (one core) | × backtest |',
      '| --- | ---: | ---: |',
      `| \`shenhe rules backtest\` (page scan + two rule passes; the classifier only where they disagree) | ${perSec(best.backtest).toLocaleString('en')} | 1.00 |`,
      `| peer: one ordinary screening pass (rules + classifier) over the same items | ${perSec(best.screen).toLocaleString('en')} | ${(best.backtest / best.screen).toFixed(2)} |`,
      `| floor: the store's page scan alone | ${perSec(best.scan).toLocaleString('en')} | ${(best.backtest / best.scan).toFixed(2)} |`,
      '',
      `Report of the last pass: ${JSON.stringify(report)}`,
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
