/*
 * Hashed features. Everything is hashed into one space of 2^bits buckets so prediction is a handful of
 * array reads per character with no per-call maps or strings beyond the word list jieba returns.
 */
import { DISCUSSES_BIAS } from './stance';

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
  /** v2: the wider lexicon (INSULT_LEXICON_2) counts towards the lexicon cues too. */
  lexicon2?: boolean;
  /** v2: meta-speech cues — talking about a way of speaking ("这种说法", a quoted word) and judging it. */
  metaCues?: boolean;
  /** Each cue feature is emitted this many times (its value is repeats/√n), so a handful of cues is not drowned by ~3n n-grams. */
  cueRepeat?: number;
  /**
   * v3: drop quotation marks before extracting features. Hand-written counter-speech mostly quotes
   * the stereotype it rejects; with the marks as features the model learns "quoted ⇒ safe" and an
   * attack wrapped in quotes gets through. Without them it has to go by the words around.
   */
  dropQuotes?: boolean;
  /**
   * v5: binary n-gram features — each distinct character/word n-gram (and negation-scope) bucket of a
   * text counts once (value 1/√distinct), so a repeated phrase does not outweigh the rest; cues keep
   * their repeats.
   */
  binary?: boolean;
  /** v5: character skip-bigrams (c_i, c_{i+gap}) for each gap listed, e.g. [2] ("河_人" for 河南人/河北人). */
  skipGaps?: number[];
  /**
   * v5: words of an external lexicon (SWSR's SexHateLex) matched against jieba tokens (needs words);
   * hits add lexicon cues (one hit, two or more) in their own namespace. Stored in the model header.
   */
  tokenLexicon?: string[];
  /** v5: each occurrence has value n^−normPower (default 0.5: 1/√n). */
  normPower?: number;
  /** v5: how jieba cuts (index.ts jiebaCutter); absent: 'default'. */
  jieba?: JiebaMode;
  /**
   * v5: feature augmentation for bias talk ("frustratingly easy" domain adaptation, Daumé 2007): a text
   * that talks about bias (stance.ts DISCUSSES_BIAS) gets every feature again in a namespace of its own,
   * so the learner can keep weights shared by all texts and adjust them where the rules differ (an
   * n-gram that reads as an attack elsewhere may be quoted or rejected in bias talk). 'ngrams': the
   * cue features are not copied (they stay shared).
   */
  biasTalkCopy?: boolean | 'ngrams';
  /**
   * cls-6: a run of Latin letters is a word. A character n-gram that cuts a run (starts or ends inside
   * it) is hashed in a namespace of its own, a run longer than the longest order is also one token
   * feature, and Latin entries of the insult lexicon match whole runs only. Without this, "sb" inside USB, usb-c or Lsbxxx was the insult
   * "sb". Default false (models trained before cls-6 split runs like any other characters).
   */
  latinWords?: boolean;
}

export type JiebaMode = 'default' | 'hmm' | 'search';

const QUOTE_MARKS = /[“”「」『』"]/g;
const HAS_LATIN = /[a-zA-Z]/;

export type Cutter = (text: string) => string[];

// Distinct seeds keep the namespaces (char 2-gram "黑人" vs word "黑人") from sharing buckets on purpose.
const SEED_CHAR = [0, 0x9e3779b1, 0x85ebca77, 0xc2b2ae3d, 0x27d4eb2f, 0x165667b1];
const SEED_WORD = 0x61c88647;
const SEED_WORD2 = 0x7feb352d;
const SEED_NEG = 0x846ca68b;
const SEED_CUE = 0x2c1b3c6d;
const SEED_SKIP = 0x5bd1e995;
const SEED_DOMAIN = 0x1b873593;
const SEED_LATIN = 0x3c6ef372;
const SEED_INSIDE = 0x6a09e667;

/* Words that open a negated or opposing scope: what follows is denied, not asserted. */
const NEGATORS = new Set([
  '不',
  '没',
  '没有',
  '别',
  '不要',
  '不能',
  '不该',
  '不应该',
  '不应',
  '不会',
  '无',
  '非',
  '勿',
  '莫',
  '未',
  '拒绝',
  '反对',
  '抵制',
  '停止',
  '杜绝',
  '禁止',
  '不必',
  '何必',
  '不是',
  '并非',
  '不再',
  '谈不上',
  '不可以',
  '不许',
  '不准',
  '别再',
  '不用',
]);

/* Vocabulary of bias itself: a comment naming it is often talking *about* discrimination. */
const BIAS_TERMS = new Set([
  '歧视',
  '地域黑',
  '偏见',
  '刻板印象',
  '一竿子',
  '以偏概全',
  '地图炮',
  '贴标签',
  '标签',
  '污名',
  '污名化',
  '种族主义',
  '区别对待',
  '一概而论',
  '妖魔化',
  '仇恨',
  '敌视',
  '排外',
  '排斥',
  '双标',
  '攻击',
  '侮辱',
  '谩骂',
  '辱骂',
  '地域攻击',
  '性别对立',
  '对立',
  '抹黑',
  '偏激',
  '极端',
  '骂',
  '黑',
]);

/* Judgements that condemn what precedes them ("地域黑是不对的", "歧视要不得"). */
const CONDEMN = [
  '不对',
  '是错',
  '错误',
  '要不得',
  '可耻',
  '不可取',
  '没道理',
  '不合理',
  '不公平',
  '愚蠢',
  '无知',
  '狭隘',
  '低级',
  '过分',
  '不应该',
  '不好',
  '有问题',
  '没必要',
  '可悲',
  '不尊重',
  '不礼貌',
  '不文明',
  '丢人',
];

/* Calls for equal treatment. */
const RESPECT = [
  '尊重',
  '平等',
  '包容',
  '一视同仁',
  '都是人',
  '人人平等',
  '不分',
  '无论',
  '理解',
  '友善',
  '团结',
  '多元',
  '个例',
  '个别',
  '少数人',
  '不能代表',
  '代表不了',
  '每个人',
  '因人而异',
  '好人坏人',
  '哪里都有',
  '都有好有坏',
];

/*
 * Common Chinese profanity and slurs. COLD is about groups and has few personal insults, so a lexicon
 * cue lets the handful of examples that do exist (plus extra.ts) generalise to the rest of the list.
 */
export const INSULT_LEXICON = [
  '傻逼',
  '傻b',
  '煞笔',
  '沙比',
  'sb',
  '脑残',
  '智障',
  '弱智',
  '白痴',
  '蠢货',
  '蠢猪',
  '废物',
  '垃圾',
  '人渣',
  '贱人',
  '贱货',
  '婊子',
  '绿茶婊',
  '表子',
  '死肥猪',
  '肥猪',
  '狗东西',
  '狗日',
  '畜生',
  '畜牲',
  '杂种',
  '杂碎',
  '操你',
  '草你',
  '艹你',
  '草泥马',
  '尼玛',
  '你妈',
  '他妈的',
  '妈的',
  '去死',
  '滚蛋',
  '滚出',
  '贱',
  '屌丝',
  '黑鬼',
  '黑皮',
  '黑猴',
  '阿三',
  '棒子',
  '小日本',
  '鬼子',
  '倭寇',
  '蝗虫',
  '支那',
  '娘炮',
  '基佬',
  '女拳',
  '田园女权',
  '母狗',
  '公狗',
  '舔狗',
  '龟男',
  '绿绿',
  '猴子',
  '乡巴佬',
  '土鳖',
  '穷逼',
  '丑逼',
  '装逼',
  '二逼',
  '逼样',
  '王八蛋',
  '混蛋',
  '神经病',
  '脑子有病',
  '有病吧',
  '低等',
  '劣等',
  '下贱',
  '恶心',
  '人妖',
  '变态',
  '屁',
  '蛆',
];

/*
 * v2 additions to the lexicon: slurs for disability, appearance, age, religion and sexual orientation,
 * dehumanising nouns and threats, which COLD (about race, region and gender) barely contains. Group
 * names that are not slurs in themselves (乡下人, 外地人) are deliberately not here.
 */
export const INSULT_LEXICON_2 = [
  '残废',
  '瘸子',
  '瞎子',
  '聋子',
  '哑巴',
  '傻子',
  '矮子',
  '矮冬瓜',
  '丑八怪',
  '丑鬼',
  '肥婆',
  '死胖子',
  '老不死',
  '老东西',
  '绿教',
  '二椅子',
  '圣母婊',
  '穷鬼',
  '穷酸',
  '土包子',
  '掉渣',
  '外地佬',
  '滚回',
  '弄死',
  '欠揍',
  '找抽',
  '抽你',
  '臭嘴',
  '喷粪',
  '狗屁',
  '寄生虫',
  '害虫',
  '祸害',
  '毒瘤',
  '败类',
  '低一等',
  '低人一等',
  '不如狗',
  '蠢驴',
  '丢人现眼',
  '贱种',
  '野种',
  '喷子',
  '直男癌',
  '普信男',
  '母猪',
  '国男',
  '尼哥',
  '黑蛆',
  '洋垃圾',
  '白皮猪',
  '鬼佬',
  '高丽棒子',
  '南蛮',
  '猪脑',
  '没脑子',
  '脑子进水',
  '疯狗',
  '狗屎',
  '吃屎',
  '造孽',
  '不要脸',
  '死全家',
  '全家死',
  '活该',
];

/* Words that point at a way of speaking rather than at people: "这种说法", "这个词", "句式". */
const META = [
  '这种说法',
  '这种话',
  '这种言论',
  '这种逻辑',
  '这种想法',
  '这种观点',
  '这种叫法',
  '这种称呼',
  '这个词',
  '这种词',
  '这个称呼',
  '说法',
  '句式',
  '段子',
  '标签',
  '帽子',
  '玩笑',
  '看法',
];
/* Judgements of speech (wider than CONDEMN): "不好笑", "伤人", "片面"… */
const JUDGE = [
  '不好笑',
  '伤人',
  '片面',
  '误导',
  '偷懒',
  '伪命题',
  '没意思',
  '无聊',
  '不礼貌',
  '不合适',
  '淘汰',
  '换个',
  '别用',
  '别再',
  '不认同',
  '不同意',
  '有问题',
  '过分',
  '难听',
  '侮辱',
  '可怕',
  '心疼',
  '难受',
  '道歉',
  '不公平',
  '将心比心',
  '就事论事',
];

/* Criticising a generalisation rather than making one: "动不动就骂…", "上升到地域", "和民族挂钩". */
const CRITIQUE = [
  '动不动就',
  '就骂',
  '骂整个',
  '骂全',
  '骂一个',
  '上升到',
  '挂钩',
  '扯上',
  '扯到',
  '联系在一起',
  '归咎',
  '一棒子',
  '一棍子',
  '再说话',
  '你去过',
  '你见过',
  '你接触过',
  '拿出证据',
  '拿出数据',
  '照照镜子',
  '往上数',
];
/* A comment that opens by reporting what others say ("说东北人都是…的，", "那些骂…的人"). */
const REPORTED = /^(?:说|那些说|总说|有人说|老说|骂|那些骂|总有人说|网上说)[^，。！？,!?]{2,24}的(?:人|那些人)?[，,]/;

export class FeatureExtractor {
  readonly options: FeatureOptions;
  private readonly mask: number;
  private readonly cut: Cutter | null;
  /** Bucket of every feature occurrence of the last extract() call; duplicates are kept (counts). */
  idx: Int32Array = new Int32Array(4096);
  /** binary: the call number that last saw each bucket. */
  private readonly stamp: Uint32Array | null;
  private readonly tokenLex: Set<string> | null;
  private call = 0;
  /** Where the cue features of the last extract() start (-1: no cues). */
  private kNgrams = -1;

  constructor(options: FeatureOptions, cut: Cutter | null) {
    this.options = options;
    this.mask = (1 << options.bits) - 1;
    this.stamp = options.binary ? new Uint32Array(1 << options.bits) : null;
    this.tokenLex = options.tokenLexicon ? new Set(options.tokenLexicon) : null;
    // Cues use jieba tokens when words are on (models trained that way), substrings otherwise.
    this.cut = options.words || options.wordBigrams ? cut : null;
    if ((options.words || options.wordBigrams) && !cut) throw new Error('word features need a tokenizer');
  }

  /** Fills this.idx and returns how many entries are valid. `text` must already be folded. */
  extract(raw: string): number {
    this.kNgrams = -1;
    const k = this.extractBase(raw);
    const copy = this.options.biasTalkCopy;
    if (!copy || !DISCUSSES_BIAS.test(raw)) return k;
    const idx = this.idx;
    const mask = this.mask;
    const m = copy === 'ngrams' && this.kNgrams >= 0 ? this.kNgrams : k;
    for (let i = 0; i < m; i++) idx[k + i] = fmix(idx[i] ^ SEED_DOMAIN) & mask;
    return k + m;
  }

  private extractBase(raw: string): number {
    const text = this.options.dropQuotes ? raw.replace(QUOTE_MARKS, '') : raw;
    const n = text.length;
    const mask = this.mask;
    const orders = this.options.charOrders;
    // Upper bound: one per char per order, plus words (≤ n), bigrams, negation scope (3 per word) and cues.
    const need =
      (n * (orders.length + 6 + (this.options.skipGaps?.length ?? 0)) + 64 * Math.max(1, this.options.cueRepeat ?? 1)) * (this.options.biasTalkCopy ? 2 : 1);
    if (this.idx.length < need) this.idx = new Int32Array(need);
    const idx = this.idx;
    let k = 0;

    // Most Chinese comments have no Latin letter: one regex test spares them the per-n-gram checks.
    const latin = this.options.latinWords === true && HAS_LATIN.test(text);
    let maxOrder = 0;
    for (let o = 0; o < orders.length; o++) {
      const order = orders[o];
      if (order > maxOrder) maxOrder = order;
      const seed = SEED_CHAR[order] | 0;
      for (let i = 0; i + order <= n; i++) {
        let h = seed;
        // latinWords: an n-gram that starts or ends inside a run of letters cuts a word ("sb" in "usb"): it
        // goes to a namespace of its own, so English keeps its sub-word features without them meaning "sb".
        if (
          latin &&
          ((i > 0 && isLatin(text.charCodeAt(i)) && isLatin(text.charCodeAt(i - 1))) ||
            (i + order < n && isLatin(text.charCodeAt(i + order - 1)) && isLatin(text.charCodeAt(i + order))))
        ) {
          h ^= SEED_INSIDE;
        }
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
    if (latin) k = this.latinTokens(text, k, maxOrder);

    const gaps = this.options.skipGaps;
    if (gaps) {
      for (const gap of gaps) {
        const seed = Math.imul(SEED_SKIP, gap + 1);
        for (let i = 0; i + gap < n; i++) {
          const a = text.charCodeAt(i);
          const b = text.charCodeAt(i + gap);
          if (a === 0x20 || b === 0x20) continue;
          idx[k++] = fmix(Math.imul(Math.imul(seed ^ a, 0x01000193) ^ b, 0x01000193)) & mask;
        }
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
      let lexHits = 0;
      const tokenLex = this.tokenLex;
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
        if (tokenLex && tokenLex.has(word)) lexHits++;
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
      if (lexHits > 0) idx[k++] = fmix(SEED_CUE ^ 0x101) & mask;
      if (lexHits > 1) idx[k++] = fmix(SEED_CUE ^ 0x102) & mask;
      if (opts.cues) return this.globalCues(text, k, sawBias, antiBias);
    }
    return this.stamp && !this.options.cues ? this.distinct(k) : k;
  }

  /** latinWords: one token feature per run of letters longer than the longest n-gram order (no n-gram holds it whole). */
  private latinTokens(text: string, k: number, maxOrder: number): number {
    const idx = this.idx;
    const n = text.length;
    let i = 0;
    while (i < n) {
      if (!isLatin(text.charCodeAt(i))) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < n && isLatin(text.charCodeAt(j))) j++;
      if (j - i > maxOrder) {
        let h = SEED_LATIN;
        for (let p = i; p < j; p++) h = Math.imul(h ^ text.charCodeAt(p), 0x01000193);
        idx[k++] = fmix(h) & this.mask;
      }
      i = j;
    }
    return k;
  }

  /** The lexicon entry occurs in text; with latinWords an entry starting or ending in a letter must not continue a run. */
  private has(text: string, entry: string): boolean {
    if (!this.options.latinWords) return text.includes(entry);
    const first = isLatin(entry.charCodeAt(0));
    const last = isLatin(entry.charCodeAt(entry.length - 1));
    if (!first && !last) return text.includes(entry);
    for (let at = text.indexOf(entry); at >= 0; at = text.indexOf(entry, at + 1)) {
      if (first && at > 0 && isLatin(text.charCodeAt(at - 1))) continue;
      const end = at + entry.length;
      if (last && end < text.length && isLatin(text.charCodeAt(end))) continue;
      return true;
    }
    return false;
  }

  /** Keeps the first occurrence of each bucket among idx[0..k); returns the new count. */
  private distinct(k: number): number {
    const stamp = this.stamp;
    if (!stamp) return k;
    const idx = this.idx;
    const call = ++this.call;
    if (call === 0xffffffff) {
      stamp.fill(0);
      this.call = 1;
    }
    let out = 0;
    for (let i = 0; i < k; i++) {
      const j = idx[i];
      if (stamp[j] === this.call) continue;
      stamp[j] = this.call;
      idx[out++] = j;
    }
    return out;
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

  private globalCues(text: string, kNgrams: number, sawBias: boolean, antiBias: boolean): number {
    const k0 = this.distinct(kNgrams);
    this.kNgrams = k0;
    const k = this.cueFeatures(text, k0, sawBias, antiBias);
    const r = this.options.cueRepeat ?? 1;
    if (r <= 1) return k;
    const idx = this.idx;
    const count = k - k0;
    let out = k;
    for (let rep = 1; rep < r; rep++) for (let i = 0; i < count; i++) idx[out++] = idx[k0 + i];
    return out;
  }

  private cueFeatures(text: string, k: number, sawBias: boolean, antiBias: boolean): number {
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
    if (this.options.lexicon) for (const c of INSULT_LEXICON) if (this.has(text, c)) lex++;
    if (lex >= 1) idx[k++] = fmix(SEED_CUE ^ 6) & mask;
    if (lex >= 2) idx[k++] = fmix(SEED_CUE ^ 7) & mask;
    if (lex >= 1 && antiBias) idx[k++] = fmix(SEED_CUE ^ 8) & mask;
    if (this.options.lexicon2) {
      let lex2 = 0;
      for (const c of INSULT_LEXICON_2) if (text.includes(c)) lex2++;
      if (lex2 >= 1) idx[k++] = fmix(SEED_CUE ^ 6) & mask;
      if (lex + lex2 >= 2 && lex2 >= 1) idx[k++] = fmix(SEED_CUE ^ 7) & mask;
      if (lex2 >= 1) idx[k++] = fmix(SEED_CUE ^ 12) & mask;
    }
    if (this.options.metaCues) {
      let meta = false;
      for (const c of META) if (text.includes(c)) meta = true;
      let judge = false;
      for (const c of JUDGE) if (text.includes(c)) judge = true;
      const quoted = /[“”「」『』"]/.test(text);
      if (meta) idx[k++] = fmix(SEED_CUE ^ 9) & mask;
      if (judge) idx[k++] = fmix(SEED_CUE ^ 10) & mask;
      if ((meta || quoted) && (judge || condemn)) idx[k++] = fmix(SEED_CUE ^ 11) & mask;
      if (quoted && (lex > 0 || sawBias)) idx[k++] = fmix(SEED_CUE ^ 13) & mask;
      let critique = false;
      for (const c of CRITIQUE) if (text.includes(c)) critique = true;
      if (critique) idx[k++] = fmix(SEED_CUE ^ 14) & mask;
      if (REPORTED.test(text)) idx[k++] = fmix(SEED_CUE ^ 15) & mask;
    }
    return k;
  }
}

// Longest first so "不应该" wins over "不".
const NEGATOR_LIST = [...NEGATORS].sort((a, b) => b.length - a.length);
const BIAS_LIST = [...BIAS_TERMS].filter((w) => w.length > 1).sort((a, b) => b.length - a.length);
const CUE_FIRST = new Set([...NEGATOR_LIST, ...BIAS_LIST].map((w) => w.charCodeAt(0)));

/** ASCII letter (the text is already lower-cased by the folder). */
function isLatin(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

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

/**
 * Training only: idx followed by a copy of its first `m` buckets (all when omitted) in the namespace of
 * `seed` ("frustratingly easy" domain adaptation for an auxiliary training source; prediction never
 * emits the copy, so the copy absorbs what is peculiar to that source).
 */
export function withDomainCopy(idx: Int32Array, seed: number, bits: number, m = idx.length): Int32Array {
  const mask = (1 << bits) - 1;
  const out = new Int32Array(idx.length + m);
  out.set(idx);
  for (let i = 0; i < m; i++) out[idx.length + i] = fmix(idx[i] ^ seed) & mask;
  return out;
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
