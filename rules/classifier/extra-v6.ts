/**
 * v6 (tried after cls-5, not shipped): short personal insults written as pinyin abbreviations
 * (nmsl, cnm, rnm, sb, nt, zz…), regional slurs (瓜娃子, 扑街, 丢你老母, 戆大…) and look-alike spellings
 * (撒比, 鲨臂, 🐶), which cls-5 scores low; and ordinary comments using harmless Latin abbreviations
 * (yyds, xswl, u1s1…) and the same words in harmless senses (扑街 = a flop), so that "has Latin
 * letters" or "has 扑街" does not become the signal. Written by hand for this purpose, not taken from
 * COLD (checked against COLD dev for overlap) and leak-checked against the held-out sets like every
 * hand-written example (heldout.ts assertNoLeak).
 */
import type { LabelledText } from './data';

export const V6_ABBREV_ATTACK: readonly string[] = [
  'nmsl，什么垃圾玩意儿也配在这说话',
  '就你这水平还好意思开直播，nmsl',
  'cnm，自己菜还怪队友',
  '楼上是不是脑子有病，cnm',
  'rnm，退钱！这破游戏',
  'wcnm，这种人怎么还没被封号',
  '你就是个nt，听不懂人话吗',
  '什么nt言论，建议回炉重造',
  'sb博主，天天带节奏',
  '这sb又来了，拉黑了',
  '你个瓜娃子，懂个锤子',
  '龟儿子些就晓得在网上乱喷',
  '扑街啦你，冚家铲',
  '丢你老母，讲咩鬼嘢',
  '死扑街，收声啦',
  '你个憨批，脑壳有包',
  '这个勺子，啥都不懂还要装',
  '你个二货，滚远点',
  'mlgb，又被这种人恶心到了',
  'tmd什么玩意，滚',
  'nmd，这种人就该被骂',
  '尼玛的，什么东西',
  '你妈的，会不会说话',
  '傻叉一个，别理他',
  '脑残粉能不能滚出去',
  'zz吧你，说了多少遍了',
  '弱智发言，笑死',
  '你全家都是sb',
  '瓜皮，连这都不晓得',
  '撒比玩意儿，别出来丢人',
  '狗东西🐶，滚',
  '🐶都比你懂事',
  '鲨臂博主，删了吧',
  '沙雕东西，爬',
  '老子日你先人',
  '你个瘪三，神气啥',
  '小瘪三在这里叫什么叫',
  '戆大，侬脑子坏忒了',
  '你是不是zz，这都看不懂',
];

export const V6_ABBREV_SAFE: readonly string[] = [
  'yyds！这个视频太好笑了',
  'xswl，这个猫好可爱',
  'awsl，哥哥太帅了',
  'u1s1，这家店确实好吃',
  'dbq，我刚才看错了',
  'emmm，我再想想',
  'plz给个链接',
  '这个up主的剪辑真的nb，学到了',
  '求bgm，好好听',
  'ssfd，冷死了',
  '这波操作666',
  '扑街写手在线求收藏',
  '哈哈哈哈xswl，评论区人才',
  'yysy，这集剧情有点拖',
  '打call打call，永远支持',
  '扑街了，今天又没抢到票',
  'cpdd，有没有一起打游戏的',
];

export function extraV6Examples(): LabelledText[] {
  return [
    ...V6_ABBREV_ATTACK.map((text) => ({ text, label: 1 as const, topic: '', source: 'v6-abbrev-attack' })),
    ...V6_ABBREV_SAFE.map((text) => ({ text, label: 0 as const, topic: '', source: 'v6-abbrev-safe' })),
  ];
}
