/*
 * node dist/scripts/experiments/obfuscation-generator.js [--show MECHANISM] [--family F] [--jsonl FILE]
 *
 * Issue 12, round 4: which evasion MECHANISMS does the filter miss? Takes the plain sentences of
 * obfuscation-sentences.ts, rewrites the [bracketed] word (or the whole sentence) one mechanism at a
 * time (homophones, pinyin and initials, split characters, separators, emoji between characters,
 * full-width, traditional, digits for characters, goods emoji, English words) and screens every
 * variant with the shipped defaults. Prints, per mechanism and family, the share flagged among the
 * variants whose plain sentence is flagged (so a miss is the mechanism's, not the wording's).
 * `--show M` lists the missed variants of mechanism M; `--jsonl FILE` writes every variant.
 * Not shipped; a tuning tool (the rules fixed after it are tuned on its sentences).
 */
import * as fs from 'node:fs';
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import { createFilterSync } from '../../rules/filter';
import { PLAIN } from './obfuscation-sentences';

type Mechanism = (plain: string, key: string) => string | null;

const HOMOPHONE: Record<string, string> = {
  死: '屎',
  杀: '沙',
  砍: '坎',
  捅: '桶',
  宰: '崽',
  炸: '乍',
  烧: '稍',
  枪: '抢',
  弹: '蛋',
  毒: '独',
  冰: '兵',
  洛: '落',
  因: '音',
  麻: '嘛',
  摇: '遥',
  粉: '份',
  古: '鼓',
  卡: '咖',
  氯: '绿',
  恐: '孔',
  袭: '习',
  圣: '胜',
  暴: '爆',
  爆: '暴',
  约: '月',
  炮: '泡',
  卖: '买',
  淫: '银',
  嫖: '瓢',
  娼: '昌',
  妓: '技',
  黄: '簧',
  色: '涩',
  援: '圆',
  裸: '倮',
  秽: '慧',
  药: '要',
  雷: '擂',
  弩: '怒',
  猎: '列',
  丸: '完',
  斩: '展',
  首: '手',
  斯: '思',
  突: '凸',
  仿: '访',
  姐: '解',
  情: '晴',
  片: '骗',
};
const SPLIT: Record<string, string> = {
  枪: '木仓',
  娼: '女昌',
  妓: '女支',
  砍: '石欠',
  炸: '火乍',
  炮: '火包',
  粉: '米分',
  嫖: '女票',
  弹: '弓单',
  烧: '火尧',
  捅: '扌甬',
  婊: '女表',
  淫: '氵壬',
  杀: '杀',
  射: '身寸',
  枝: '木支',
};
const GOODS_EMOJI: Array<[string, string]> = [
  ['炸弹', '💣'],
  ['手枪', '🔫'],
  ['枪', '🔫'],
  ['冰毒', '🧊'],
  ['冰', '🧊'],
  ['摇头丸', '💊'],
  ['药', '💊'],
  ['刀', '🔪'],
  ['大麻', '🌿'],
  ['烧', '🔥'],
  ['杀', '🔪'],
  ['死', '💀'],
];
const ENGLISH: Array<[string, string]> = [
  ['砍死', 'kill'],
  ['捅死', 'kill'],
  ['弄死', 'kill'],
  ['杀死', 'kill'],
  ['杀了', 'kill了'],
  ['杀', 'kill'],
  ['宰了', 'kill了'],
  ['手枪', 'gun'],
  ['枪支', 'gun'],
  ['枪', 'gun'],
  ['炸弹', 'bomb'],
  ['炸', 'bomb'],
  ['大麻', 'weed'],
  ['冰毒', 'ice'],
  ['冰', 'ice'],
  ['海洛因', 'heroin'],
  ['可卡因', 'cocaine'],
  ['摇头丸', 'ecstasy'],
  ['k粉', 'ketamine'],
  ['约炮', '约pao'],
  ['黄片', 'porn片'],
  ['色情', 'porn'],
  ['恐怖袭击', 'terror attack'],
  ['圣战', 'jihad'],
  ['伊斯兰国', 'ISIS'],
  ['子弹', 'ammo'],
  ['狙击枪', 'sniper'],
  ['毒品', 'drugs'],
  ['卖淫', 'sell sex'],
  ['一夜情', 'one night'],
];
const DIGIT: Record<string, string> = { 死: '4', 杀: 'sha', 一: '1', 四: '4' };
const toTrad = OpenCC.Converter({ from: 'cn', to: 'tw' });
const fullWidth = (s: string): string => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');
const py = (s: string): string[] => pinyin(s, { toneType: 'none', type: 'array' });

const replaceKey = (plain: string, key: string, to: string | null): string | null => (to === null || to === key ? null : plain.replace(`[${key}]`, to));
const perChar =
  (table: Record<string, string>) =>
  (key: string): string | null => {
    const out = [...key].map((c) => table[c] ?? c).join('');
    return out === key ? null : out;
  };
const onePerChar =
  (table: Record<string, string>) =>
  (key: string): string | null => {
    const chars = [...key];
    const i = chars.findIndex((c) => table[c] !== undefined && table[c] !== c);
    if (i < 0) return null;
    chars[i] = table[chars[i]];
    return chars.join('');
  };
const byList =
  (list: Array<[string, string]>) =>
  (key: string): string | null => {
    for (const [a, b] of list) if (key.includes(a)) return key.replace(a, b);
    return null;
  };

export const MECHANISMS: Record<string, Mechanism> = {
  plain: (p, k) => p.replace(`[${k}]`, k),
  spaces: (p, k) => (k.length > 1 ? replaceKey(p, k, [...k].join(' ')) : null),
  symbols: (p, k) => (k.length > 1 ? replaceKey(p, k, [...k].join('*')) : null),
  'emoji-between': (p, k) => (k.length > 1 ? replaceKey(p, k, [...k].join('😂')) : null),
  'all-spaced': (p, k) => [...p.replace(`[${k}]`, k)].join(' '),
  traditional: (p, k) => {
    const t = toTrad(p.replace(`[${k}]`, k));
    return t === p.replace(`[${k}]`, k) ? null : t;
  },
  'pinyin-word': (p, k) => replaceKey(p, k, py(k).join('')),
  'pinyin-spaced': (p, k) => replaceKey(p, k, ` ${py(k).join(' ')} `),
  'pinyin-one-char': (p, k) => {
    const chars = [...k];
    if (chars.length < 2) return null;
    const i = chars.length - 1;
    chars[i] = py(chars[i])[0];
    return replaceKey(p, k, chars.join(''));
  },
  'pinyin-fullwidth': (p, k) => replaceKey(p, k, fullWidth(py(k).join(''))),
  initials: (p, k) =>
    [...k].length >= 2
      ? replaceKey(
          p,
          k,
          py(k)
            .map((s) => s[0])
            .join(''),
        )
      : null,
  'sentence-pinyin': (p, k) =>
    py(p.replace(`[${k}]`, k).replace(/[，。！？、]/g, ' '))
      .filter((x) => x.trim())
      .join(' '),
  'homophone-one': (p, k) => replaceKey(p, k, onePerChar(HOMOPHONE)(k)),
  'homophone-all': (p, k) => replaceKey(p, k, perChar(HOMOPHONE)(k)),
  split: (p, k) => replaceKey(p, k, perChar(SPLIT)(k)),
  'split-spaced': (p, k) => {
    const s = perChar(SPLIT)(k);
    return s === null ? null : replaceKey(p, k, [...s].join(' '));
  },
  digit: (p, k) => replaceKey(p, k, perChar(DIGIT)(k)),
  'goods-emoji': (p, k) => replaceKey(p, k, byList(GOODS_EMOJI)(k)),
  english: (p, k) => replaceKey(p, k, byList(ENGLISH)(k)),
};

function main(): void {
  const args = process.argv.slice(2);
  const show = args.includes('--show') ? args[args.indexOf('--show') + 1] : null;
  const onlyFamily = args.includes('--family') ? args[args.indexOf('--family') + 1] : null;
  const jsonl = args.includes('--jsonl') ? args[args.indexOf('--jsonl') + 1] : null;
  const filter = createFilterSync();
  const flagged = (text: string): boolean => filter.screen({ text }).suggestion !== 'pass';
  const table = new Map<string, Map<string, [number, number]>>();
  const shown: string[] = [];
  const rows: string[] = [];
  for (const [family, sentences] of Object.entries(PLAIN)) {
    if (onlyFamily && family !== onlyFamily) continue;
    for (const p of sentences) {
      const key = /\[([^\]]+)\]/.exec(p)?.[1] ?? '';
      const plainHit = flagged(p.replace(/[[\]]/g, ''));
      for (const [name, m] of Object.entries(MECHANISMS)) {
        // Only the first bracketed word is rewritten; any other loses its brackets.
        const v = m(p, key)?.replace(/[[\]]/g, '') ?? null;
        if (v === null) continue;
        const hit = flagged(v);
        rows.push(JSON.stringify({ family, mechanism: name, text: v, plainFlagged: plainHit, flagged: hit }));
        if (!plainHit && name !== 'plain') continue;
        const byFamily = table.get(name) ?? new Map<string, [number, number]>();
        table.set(name, byFamily);
        for (const f of [family, 'ALL']) {
          const t = byFamily.get(f) ?? [0, 0];
          byFamily.set(f, [t[0] + (hit ? 1 : 0), t[1] + 1]);
        }
        if (show === name && !hit) shown.push(`${family}\t${v}`);
      }
    }
  }
  const families = [...Object.keys(PLAIN), 'ALL'];
  console.log(`mechanism\t${families.join('\t')}`);
  for (const [name, byFamily] of table) {
    const cells = families.map((f) => {
      const t = byFamily.get(f);
      return t ? `${Math.round((100 * t[0]) / t[1])}% ${t[0]}/${t[1]}` : '-';
    });
    console.log(`${name.padEnd(17)}\t${cells.join('\t')}`);
  }
  for (const s of shown) console.log(s);
  if (jsonl) fs.writeFileSync(jsonl, rows.join('\n') + '\n');
}

main();
