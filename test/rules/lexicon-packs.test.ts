/*
 * The law-derived packs (cults, terror, drugs, weapons, …) and the packs generated from the community
 * lexicon: harmful posts flagged under the right category and label, everyday look-alikes left alone,
 * every shipped pack valid, and the lexicon's report consistent with the packs it describes.
 * The CLI cases run the built code (`npm run build` first).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadPacks, shippedPacksDir, type Pack } from '../../rules/packs';
import type { Verdict } from '../../rules/types';
import { readSummary, reportLines } from '../../scripts/rules-report';
import { shipped } from './helpers';

const ROOT = path.resolve(__dirname, '../..');

function flagged(v: Verdict): Array<{ category: string; label: string | undefined }> {
  return v.labels.filter((l) => l.hits.length).map((l) => ({ category: l.category, label: l.label }));
}

const screen = (text: string): Verdict => shipped.screen({ text });

describe('law-derived packs flag what the law names, under the right category', () => {
  it.each([
    ['全能神教会欢迎您加入，末日就要来临', 'religion_cult', 'cult'],
    ['欢迎加入全能神，信主得救', 'religion_cult', 'cult'],
    ['法轮大法好，真善忍好', 'religion_cult', 'cult'],
    ['三退保平安，天灭中共', 'religion_cult', 'cult'],
    ['观音法门即身成佛，欢迎入门', 'religion_cult', 'cult'],
  ])('cult recruitment and slogans are blocked: %s', (text, category, label) => {
    const v = screen(text);
    expect(v.suggestion).toBe('block');
    expect(flagged(v)).toContainEqual({ category, label });
  });

  it.each([
    ['东方闪电是什么组织', 'religion_cult', 'cult'],
    ['有人在小区里发门徒会的传单', 'religion_cult', 'cult'],
    ['我们这里有人练中华养生益智功', 'religion_cult', 'cult'],
    ['东突厥斯坦伊斯兰运动', 'obscene_violent', 'terror'],
    ['世界维吾尔青年代表大会', 'obscene_violent', 'terror'],
    ['东突厥斯坦新闻信息中心发布的视频', 'obscene_violent', 'terror'],
    ['达伊沙又发布了暴恐音视频', 'obscene_violent', 'terror'],
    ['艾山·买合苏木', 'obscene_violent', 'terror'],
    ['boko haram attack', 'obscene_violent', 'terror'],
  ])('a named organisation or person goes to review at least: %s', (text, category, label) => {
    const v = screen(text);
    expect(v.suggestion).not.toBe('pass');
    expect(flagged(v)).toContainEqual({ category, label });
  });

  it('a terrorist organisation welcoming recruits is blocked', () => {
    const v = screen('欢迎加入伊斯兰国，为真主而战');
    expect(v.suggestion).toBe('block');
    expect(flagged(v)).toContainEqual({ category: 'obscene_violent', label: 'terror' });
  });

  // Joining and recruiting words also occur in warnings and news, so with a name they are a strong
  // review, not a block (the engine's warning/news context lowers them further).
  it.each([
    ['警惕全能神教会，千万不要加入', 'religion_cult', 'cult'],
    ['法轮功是邪教，不要加入', 'religion_cult', 'cult'],
    ['东方闪电教会是邪教组织', 'religion_cult', 'cult'],
    ['伊斯兰国正在网上招募成员', 'obscene_violent', 'terror'],
    ['严禁加入东伊运', 'obscene_violent', 'terror'],
  ])('a warning or news item naming an organisation is reviewed, not blocked: %s', (text, category, label) => {
    const v = screen(text);
    expect(v.suggestion).toBe('review');
    expect(flagged(v)).toContainEqual({ category, label });
  });

  it.each([
    '出售各种仿真枪，货到付款',
    '气枪出售 顺丰包邮',
    '子弹批发，量大从优',
    '出售雷管炸药，电话联系',
    '弹簧刀出售，包邮',
    '管制刀具批发',
    '黑火药配方大全',
    '秃鹰气枪有货',
  ])('weapon sales and making are flagged as weapons: %s', (text) => {
    const v = screen(text);
    expect(v.suggestion).not.toBe('pass');
    expect(flagged(v)).toContainEqual({ category: 'obscene_violent', label: 'weapons' });
  });

  it.each([
    '有货，溜冰的来，一克三百',
    '溜冰上头，溜一口就飞',
    '神仙水喝了嗨一下',
    '吗啡 有货 无需处方',
    '杜冷丁出售，私聊',
    '咔哇潮饮，夜店必备',
    '麻果到货',
    '大麻 出售 货到付款',
  ])('drug names with a trade or use cue are flagged as drugs: %s', (text) => {
    const v = screen(text);
    expect(v.suggestion).not.toBe('pass');
    expect(flagged(v)).toContainEqual({ category: 'obscene_violent', label: 'drugs' });
  });

  it('a substance with no innocent use offered for delivery is blocked', () => {
    expect(screen('冰毒有货，货到付款').suggestion).toBe('block');
  });

  it.each([
    ['支持台独，台湾独立建国', 'national_security'],
    ['打倒共产党', 'constitution'],
    ['南京大屠杀是假的', 'national_honor'],
    ['杀光维族', 'ethnic_hatred'],
    ['紧急扩散！地震局内部消息，今晚有大地震', 'rumor'],
    ['出售象牙制品，保真', 'other_illegal'],
  ])('the other law-only packs now cover their item: %s', (text, category) => {
    expect(flagged(screen(text)).map((f) => f.category)).toContain(category);
  });
});

describe('ordinary look-alikes pass', () => {
  it.each([
    '去溜冰场溜冰，摔了好几跤',
    '今天去溜冰，教练说我进步了',
    '二手溜冰鞋出售',
    '冰糖雪梨炖好了',
    '医生开了吗啡止痛，术后好多了',
    '癌症病人需要镇痛，医生会按规定使用麻醉药品',
    // News of a seizure names the weapon without a trade cue: pass (the engine's news-context work
    // lowers risk for the wordings that do carry one, e.g. 破获…出售枪支案).
    '新闻：警方缴获一批仿真枪',
    '我家在东方，每天早上太阳照进窗户',
    '今天天气很好',
    'SK2神仙水有货吗，专柜价多少',
    '子弹杯包邮',
    '跳跳糖放进嘴里噼里啪啦的',
    '蓝精灵是我小时候最喜欢的动画片',
    '邮票收藏是我爸的爱好',
    '东方卫视的跨年晚会很好看',
    '学佛要找到适合自己的法门',
    '耶稣的门徒一共有十二个',
    '全能型人才在公司很受欢迎',
    '鸦片战争是中国近代史的开端',
    '游戏是精神鸦片吗',
    '工业大麻可以用来做纺织纤维',
    '菜刀和砧板要分生熟',
    '吃鸡的时候被一把狙击枪远距离淘汰了',
    '瑞士军刀带不上飞机，只好托运',
    '坚决反对台独',
    '我报了成人电大，明年拿文凭',
    '高血压是沉默杀手',
    '小区旁边的老旧厂房要改造成公园了',
  ])('%s', (text) => {
    const v = screen(text);
    expect(v.suggestion).toBe('pass');
  });

  it('data/tuning/ordinary-zh.jsonl: at most 1% flagged by the rules, none blocked', () => {
    const rows = fs
      .readFileSync(path.join(ROOT, 'data', 'tuning', 'ordinary-zh.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { text: string; label: number; source: string; licence: string });
    expect(rows.length).toBeGreaterThanOrEqual(300);
    for (const r of rows) expect(r).toEqual(expect.objectContaining({ label: 0, source: expect.any(String), licence: expect.any(String) }));
    const verdicts = rows.map((r) => screen(r.text));
    expect(verdicts.filter((v) => v.suggestion === 'block')).toEqual([]);
    expect(verdicts.filter((v) => v.suggestion !== 'pass').length).toBeLessThanOrEqual(Math.floor(rows.length * 0.01));
  });
});

describe('packs generated from the community lexicon', () => {
  const packs = loadPacks([shippedPacksDir()]);
  const lexicon = packs.filter((p) => p.name.startsWith('lexicon-'));
  const summary = readSummary();

  function keptTerms(p: Pack): number {
    return p.rules.reduce((n, r) => n + ('terms' in r ? r.terms.length : 0), 0);
  }

  it('name their source, commit and licence, and the licence notice ships beside them', () => {
    expect(lexicon.length).toBeGreaterThanOrEqual(8);
    for (const p of lexicon) {
      const head = fs.readFileSync(p.file, 'utf8').split('\n').slice(0, 4).join('\n');
      expect(head).toContain('konsheng/Sensitive-lexicon');
      expect(head).toContain('5a8da94c61c160e203a6b2fcfafbea642404d50c');
      expect(head).toContain('MIT');
    }
    const licence = fs.readFileSync(path.join(shippedPacksDir(), 'LICENSE.sensitive-lexicon'), 'utf8');
    expect(licence).toContain('Copyright (c) 2024~2099 Konsheng');
    expect(licence).toContain('Permission is hereby granted, free of charge');
  });

  it('hold exactly the terms the summary counts as kept, and context rules for the rest', () => {
    for (const p of lexicon) {
      const row = summary.byPack[p.name];
      expect(row).toBeDefined();
      expect(keptTerms(p)).toBe(row.keep ?? 0);
      const contextTerms = new Set(p.rules.flatMap((r) => ('all' in r ? [r.all[0]] : [])));
      expect(contextTerms.size).toBe(row.context ?? 0);
    }
  });

  it('leave out the noise the lexicon is known for', () => {
    const all = new Set(lexicon.flatMap((p) => p.rules.flatMap((r) => ('terms' in r ? r.terms : []))));
    for (const word of ['网络', '招聘', '淘宝', '兼职', '代理', '销售', '习近平', '成人电', '隐形耳机', '红色恐怖']) expect(all.has(word)).toBe(false);
  });

  it('every decision by hand is well formed', () => {
    const lines = fs
      .readFileSync(path.join(shippedPacksDir(), '..', 'lexicon', 'decisions.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim());
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const d = JSON.parse(line) as { term: unknown; decision: unknown; reason: unknown };
      expect(typeof d.term).toBe('string');
      expect(['keep', 'context', 'drop']).toContain(d.decision);
      expect(typeof d.reason).toBe('string');
    }
  });

  it('the report lists every pack with its kept, context and dropped counts and reasons', () => {
    const lines = reportLines(packs, summary);
    for (const p of lexicon) expect(lines.some((l) => l.includes(`${p.name} (${p.category}): kept ${summary.byPack[p.name].keep ?? 0}`))).toBe(true);
    expect(lines.some((l) => /\d+ {2}too common on ordinary text/.test(l))).toBe(true);
    expect(lines.some((l) => l.includes('religion_cult') && /\d+ terms/.test(l))).toBe(true);
  });
});

describe('CLI (built code)', () => {
  it('shenhe rules check accepts every shipped pack', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/shenhe.js'), 'rules', 'check'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { ok: boolean; packs: Array<{ file: string }> };
    expect(out.ok).toBe(true);
    const files = fs.readdirSync(shippedPacksDir()).filter((f) => f.endsWith('.yaml'));
    expect(out.packs.map((p) => path.basename(p.file)).sort()).toEqual(files.sort());
  });

  it('rules:report runs without ../shared and prints the per-pack counts', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'scripts', 'rules-report.js')], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, SHENHE_DATASETS_DIR: '/nonexistent' },
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('lexicon-porn (obscene_violent): kept');
    expect(r.stdout).toContain('Hand-written packs');
  });
});
