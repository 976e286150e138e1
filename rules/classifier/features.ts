/*
 * Hashed features. Everything is hashed into one space of 2^bits buckets so prediction is a handful of
 * array reads per character with no per-call maps or strings beyond the word list jieba returns.
 */

export interface FeatureOptions {
  /** Hash space is 2^bits buckets. */
  bits: number;
  /** Character n-gram orders, e.g. [1, 2, 3]. */
  charOrders: number[];
  /** jieba word unigrams. */
  words: boolean;
  /** jieba word bigrams. */
  wordBigrams: boolean;
  /** Negation scope and anti-bias stance cues (see cues below). */
  cues: boolean;
  /** Insult-lexicon hit cues (needs `cues`). */
  lexicon?: boolean;
}

export type Cutter = (text: string) => string[];

// Distinct seeds keep the namespaces (char 2-gram "黑人" vs word "黑人") from sharing buckets on purpose.
const SEED_CHAR = [0, 0x9e3779b1, 0x85ebca77, 0xc2b2ae3d, 0x27d4eb2f, 0x165667b1];
const SEED_WORD = 0x61c88647;
const SEED_WORD2 = 0x7feb352d;
const SEED_NEG = 0x846ca68b;
const SEED_CUE = 0x2c1b3c6d;

/* Words that open a negated or opposing scope: what follows is denied, not asserted. */
const NEGATORS = new Set([
  '不', '没', '没有', '别', '不要', '不能', '不该', '不应该', '不应', '不会', '无', '非', '勿', '莫', '未',
  '拒绝', '反对', '抵制', '停止', '杜绝', '禁止', '不必', '何必', '不是', '并非', '不再', '谈不上',
  '不可以', '不许', '不准', '别再', '不用',
]);

/* Vocabulary of bias itself: a comment naming it is often talking *about* discrimination. */
const BIAS_TERMS = new Set([
  '歧视', '地域黑', '偏见', '刻板印象', '一竿子', '以偏概全', '地图炮', '贴标签', '标签', '污名', '污名化',
  '种族主义', '区别对待', '一概而论', '妖魔化', '仇恨', '敌视', '排外', '排斥', '双标', '攻击', '侮辱',
  '谩骂', '辱骂', '地域攻击', '性别对立', '对立', '抹黑', '偏激', '极端', '骂', '黑',
]);

/* Judgements that condemn what precedes them ("地域黑是不对的", "歧视要不得"). */
const CONDEMN = [
  '不对', '是错', '错误', '要不得', '可耻', '不可取', '没道理', '不合理', '不公平', '愚蠢', '无知', '狭隘',
  '低级', '过分', '不应该', '不好', '有问题', '没必要', '可悲', '不尊重', '不礼貌', '不文明', '丢人',
];

/* Calls for equal treatment. */
const RESPECT = [
  '尊重', '平等', '包容', '一视同仁', '都是人', '人人平等', '不分', '无论', '理解', '友善', '团结', '多元',
  '个例', '个别', '少数人', '不能代表', '代表不了', '每个人', '因人而异', '好人坏人', '哪里都有', '都有好有坏',
];

/*
 * Common Chinese profanity and slurs. COLD is about groups and has few personal insults, so a lexicon
 * cue lets the handful of examples that do exist (plus extra.ts) generalise to the rest of the list.
 */
export const INSULT_LEXICON = [
  '傻逼', '傻b', '煞笔', '沙比', 'sb', '脑残', '智障', '弱智', '白痴', '蠢货', '蠢猪', '废物', '垃圾', '人渣',
  '贱人', '贱货', '婊子', '绿茶婊', '表子', '死肥猪', '肥猪', '狗东西', '狗日', '畜生', '畜牲', '杂种', '杂碎',
  '操你', '草你', '艹你', '草泥马', '尼玛', '你妈', '他妈的', '妈的', '去死', '滚蛋', '滚出', '贱', '屌丝',
  '黑鬼', '黑皮', '黑猴', '阿三', '棒子', '小日本', '鬼子', '倭寇', '蝗虫', '支那', '娘炮', '基佬', '女拳', '田园女权',
  '母狗', '公狗', '舔狗', '龟男', '绿绿', '猴子', '乡巴佬', '土鳖', '穷逼', '丑逼', '装逼', '二逼', '逼样', '王八蛋',
  '混蛋', '神经病', '脑子有病', '有病吧', '低等', '劣等', '下贱', '恶心', '人妖', '变态', '屁', '蛆',
];

export class FeatureExtractor {
  readonly options: FeatureOptions;
  private readonly mask: number;
  private readonly cut: Cutter | null;
  /** Bucket of every feature occurrence of the last extract() call; duplicates are kept (counts). */
  idx: Int32Array = new Int32Array(4096);

  constructor(options: FeatureOptions, cut: Cutter | null) {
    this.options = options;
    this.mask = (1 << options.bits) - 1;
    // Cues use jieba tokens when words are on (models trained that way), substrings otherwise.
    this.cut = options.words || options.wordBigrams ? cut : null;
    if ((options.words || options.wordBigrams) && !cut) throw new Error('word features need a tokenizer');
  }

  /** Fills this.idx and returns how many entries are valid. `text` must already be folded. */
  extract(text: string): number {
    const n = text.length;
    const mask = this.mask;
    const orders = this.options.charOrders;
    // Upper bound: one per char per order, plus words (≤ n), bigrams, negation scope (3 per word) and cues.
    const need = n * (orders.length + 6) + 64;
    if (this.idx.length < need) this.idx = new Int32Array(need);
    const idx = this.idx;
    let k = 0;

    for (let o = 0; o < orders.length; o++) {
      const order = orders[o];
      const seed = SEED_CHAR[order] | 0;
      for (let i = 0; i + order <= n; i++) {
        let h = seed;
        let skip = false;
        for (let j = 0; j < order; j++) {
          const c = text.charCodeAt(i + j);
          // A space inside an n-gram adds noise without meaning for Chinese; unigram spaces are noise too.
          if (c === 0x20) {
            skip = true;
            break;
          }
          h = Math.imul(h ^ c, 0x01000193);
        }
        if (skip) continue;
        idx[k++] = fmix(h) & mask;
      }
    }

    if (!this.cut && this.options.cues) k = this.charCues(text, k);

    if (this.cut) {
      const words = this.cut(text);
      const opts = this.options;
      let prevHash = 0;
      let havePrev = false;
      let negLeft = 0;
      let lastNeg = -100;
      let sawBias = false;
      let antiBias = false;
      let wi = 0;
      for (let w = 0; w < words.length; w++) {
        const word = words[w];
        if (isPunctOrSpace(word)) {
          havePrev = false;
          negLeft = 0;
          continue;
        }
        const h = hashString(SEED_WORD, word);
        if (opts.words) idx[k++] = fmix(h) & mask;
        if (opts.wordBigrams && havePrev) idx[k++] = fmix(Math.imul(prevHash ^ h, 0x01000193) ^ SEED_WORD2) & mask;
        prevHash = h;
        havePrev = true;
        if (opts.cues) {
          if (negLeft > 0) {
            idx[k++] = fmix(h ^ SEED_NEG) & mask;
            negLeft--;
          }
          if (NEGATORS.has(word)) {
            negLeft = 3;
            lastNeg = wi;
          }
          if (BIAS_TERMS.has(word)) {
            sawBias = true;
            if (wi - lastNeg <= 4) antiBias = true;
          }
        }
        wi++;
      }
      if (opts.cues) k = this.globalCues(text, k, sawBias, antiBias);
    }
    return k;
  }

  /*
   * The same cues without a tokenizer (jieba costs ~0.5 µs per character, seven times the rest of
   * extraction): negation scope is the next few characters after a negator, matched as substrings.
   */
  private charCues(text: string, k: number): number {
    const idx = this.idx;
    const mask = this.mask;
    const n = text.length;
    let sawBias = false;
    let antiBias = false;
    let lastNegEnd = -100;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (!CUE_FIRST.has(c)) continue;
      for (const w of NEGATOR_LIST) {
        if (text.startsWith(w, i)) {
          lastNegEnd = i + w.length;
          // Character bigrams in the scope, in their own namespace: "不/歧视" ≠ "歧视".
          const end = Math.min(n - 1, lastNegEnd + 5);
          for (let j = lastNegEnd; j < end; j++) {
            const h = Math.imul(Math.imul(SEED_NEG ^ text.charCodeAt(j), 0x01000193) ^ text.charCodeAt(j + 1), 0x01000193);
            idx[k++] = fmix(h) & mask;
          }
          break;
        }
      }
      for (const w of BIAS_LIST) {
        if (text.startsWith(w, i)) {
          sawBias = true;
          if (i - lastNegEnd <= 6 && i >= lastNegEnd) antiBias = true;
          break;
        }
      }
    }
    return this.globalCues(text, k, sawBias, antiBias);
  }

  private globalCues(text: string, k: number, sawBias: boolean, antiBias: boolean): number {
    const idx = this.idx;
    const mask = this.mask;
    let condemn = false;
    for (const c of CONDEMN) if (text.includes(c)) condemn = true;
    let respect = false;
    for (const c of RESPECT) if (text.includes(c)) respect = true;
    if (sawBias) idx[k++] = fmix(SEED_CUE ^ 1) & mask;
    if (antiBias) idx[k++] = fmix(SEED_CUE ^ 2) & mask;
    if (sawBias && condemn) idx[k++] = fmix(SEED_CUE ^ 3) & mask;
    if (respect) idx[k++] = fmix(SEED_CUE ^ 4) & mask;
    if (respect && sawBias) idx[k++] = fmix(SEED_CUE ^ 5) & mask;
    let lex = 0;
    if (this.options.lexicon) for (const c of INSULT_LEXICON) if (text.includes(c)) lex++;
    if (lex >= 1) idx[k++] = fmix(SEED_CUE ^ 6) & mask;
    if (lex >= 2) idx[k++] = fmix(SEED_CUE ^ 7) & mask;
    if (lex >= 1 && antiBias) idx[k++] = fmix(SEED_CUE ^ 8) & mask;
    return k;
  }
}

// Longest first so "不应该" wins over "不".
const NEGATOR_LIST = [...NEGATORS].sort((a, b) => b.length - a.length);
const BIAS_LIST = [...BIAS_TERMS].filter((w) => w.length > 1).sort((a, b) => b.length - a.length);
const CUE_FIRST = new Set([...NEGATOR_LIST, ...BIAS_LIST].map((w) => w.charCodeAt(0)));

function isPunctOrSpace(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    // Letters, digits and CJK make a word; everything else (ASCII/CJK punctuation, spaces, symbols) does not.
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c >= 0x2e80) {
      if (!(c >= 0x3000 && c <= 0x303f) && !(c >= 0xff00 && c <= 0xff65)) return false;
    }
  }
  return true;
}

export function hashString(seed: number, s: string): number {
  let h = seed | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** murmur3 finaliser: FNV alone leaves the low bits (the ones the mask keeps) poorly mixed. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
