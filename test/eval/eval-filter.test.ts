import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  computeMetrics,
  parseCsv,
  readColdDev,
  renderMarkdown,
  run,
  worstMisses,
  type EvalItem,
  type Screened,
  type Suggestion,
  type Verdict,
} from '../../scripts/eval-filter';
import { tempDir } from '../harness/temp';

const ROOT = path.resolve(__dirname, '..', '..');

/** A verdict as `shenhe screen` writes it, with one label per listed category. */
function verdict(suggestion: Suggestion, risk: number, ...categories: string[]): Verdict {
  return { id: 'x', suggestion, risk, labels: categories.map((category) => ({ category, hits: [] })) };
}

let n = 0;
function item(set: string, label: string, v: Verdict, extra: Partial<EvalItem> = {}): Screened {
  n++;
  return { set, item: { id: `${set}-${n}`, text: `第${n}条`, label, ...extra }, verdict: v };
}

describe('eval:filter metrics', () => {
  // Every count below is chosen so the expected figure can be checked by hand.
  const screened: Screened[] = [
    // SMS: 4 advertising (3 get an advertising label), 4 ordinary (1 with an advertising label, 1 flagged otherwise).
    item('sms-zh', 'advertising', verdict('review', 0.7, 'advertising'), { category: 'advertising', family: 'loan' }),
    item('sms-zh', 'advertising', verdict('block', 0.9, 'advertising', 'fraud_insult'), { category: 'advertising', family: 'loan' }),
    item('sms-zh', 'advertising', verdict('review', 0.6, 'advertising'), { category: 'advertising', family: 'shop' }),
    item('sms-zh', 'advertising', verdict('review', 0.5, 'fraud_insult'), { category: 'advertising', family: 'shop' }),
    item('sms-zh', 'ordinary', verdict('review', 0.5, 'advertising'), { family: 'bank' }),
    item('sms-zh', 'ordinary', verdict('review', 0.4, 'personal_data'), { family: 'bank' }),
    item('sms-zh', 'ordinary', verdict('pass', 0), { family: 'personal' }),
    item('sms-zh', 'ordinary', verdict('pass', 0), { family: 'personal' }),
    // Harmful: family a — one right, one passed; family b — one wrong category, one under an accepted alternative.
    item('obfuscated-harmful', 'harmful', verdict('review', 0.8, 'obscene_violent'), { category: 'obscene_violent', family: 'a' }),
    item('obfuscated-harmful', 'harmful', verdict('pass', 0), { category: 'obscene_violent', family: 'a', echoesIssue: true }),
    item('obfuscated-harmful', 'harmful', verdict('block', 1, 'advertising'), { category: 'religion_cult', family: 'b' }),
    item('obfuscated-harmful', 'harmful', verdict('review', 0.6, 'other_illegal'), { category: 'obscene_violent', alsoAccept: ['other_illegal'], family: 'b' }),
    // Look-alikes: 3, one reviewed and one blocked.
    item('lookalike-ordinary', 'ordinary', verdict('review', 0.5, 'obscene_violent'), { family: 'news' }),
    item('lookalike-ordinary', 'ordinary', verdict('block', 0.95, 'obscene_violent'), { family: 'news', echoesIssue: true }),
    item('lookalike-ordinary', 'ordinary', verdict('pass', 0), { family: 'substring' }),
    // Ordinary comments: 2, one flagged.
    item('ordinary-comments', 'ordinary', verdict('review', 0.6, 'fraud_insult')),
    item('ordinary-comments', 'ordinary', verdict('pass', 0)),
    // COLD dev: a true positive, a miss, a false positive, and a safe comment flagged for something else (still "safe").
    item('cold-dev', 'offensive', verdict('review', 0.8, 'fraud_insult')),
    item('cold-dev', 'offensive', verdict('pass', 0)),
    item('cold-dev', 'ordinary', verdict('review', 0.7, 'ethnic_hatred')),
    item('cold-dev', 'ordinary', verdict('review', 0.5, 'advertising')),
  ];
  const m = computeMetrics(screened);

  it('scores SMS advertising by the advertising label and ordinary SMS by any flag', () => {
    expect(m.sms).toEqual({
      adRecall: { n: 3, of: 4, rate: 0.75 },
      adPrecision: { n: 3, of: 4, rate: 0.75 },
      ordinaryFlagged: { n: 2, of: 4, rate: 0.5 },
      adRecallByFamily: [
        { family: 'loan', share: { n: 2, of: 2, rate: 1 } },
        { family: 'shop', share: { n: 1, of: 2, rate: 0.5 } },
      ],
      ordinaryFlaggedByFamily: [
        { family: 'bank', share: { n: 2, of: 2, rate: 1 } },
        { family: 'personal', share: { n: 0, of: 2, rate: 0 } },
      ],
    });
  });

  it('counts harmful items flagged, and of those the ones under the expected or an accepted category, per family too', () => {
    expect(m.harmful?.flagged).toEqual({ n: 3, of: 4, rate: 0.75 });
    expect(m.harmful?.rightCategory).toEqual({ n: 2, of: 3, rate: 2 / 3 });
    expect(m.harmful?.families).toEqual([
      { family: 'a', items: 2, flagged: { n: 1, of: 2, rate: 0.5 }, rightCategory: { n: 1, of: 1, rate: 1 } },
      { family: 'b', items: 2, flagged: { n: 2, of: 2, rate: 1 }, rightCategory: { n: 1, of: 2, rate: 0.5 } },
    ]);
    // Without the item that echoes an example named in the issue (the passed one): 3 of 3.
    expect(m.harmful?.flaggedNotEchoingIssue).toEqual({ n: 3, of: 3, rate: 1 });
  });

  it('counts look-alikes flagged and blocked, and ordinary comments flagged', () => {
    expect(m.lookalike).toEqual({
      flagged: { n: 2, of: 3, rate: 2 / 3 },
      blocked: 1,
      flaggedByFamily: [
        { family: 'news', share: { n: 2, of: 2, rate: 1 } },
        { family: 'substring', share: { n: 0, of: 1, rate: 0 } },
      ],
      flaggedNotEchoingIssue: { n: 1, of: 2, rate: 0.5 },
    });
    expect(m.comments).toEqual({ flagged: { n: 1, of: 2, rate: 0.5 } });
  });

  it('scores COLD dev as offensive iff a fraud_insult or ethnic_hatred label is present', () => {
    expect(m.cold).toEqual({
      nonOffensiveFlagged: { n: 2, of: 2, rate: 1 },
      accuracy: { n: 2, of: 4, rate: 0.5 },
      offensiveRecall: { n: 1, of: 2, rate: 0.5 },
      offensivePrecision: { n: 1, of: 2, rate: 0.5 },
    });
  });

  it('counts blocked ordinary items over every set and COLD dev label 0', () => {
    // ordinary: 4 SMS + 3 look-alikes + 2 comments + 2 COLD = 11; blocked: one look-alike.
    expect(m.ordinaryBlocked).toEqual({ n: 1, of: 11, rate: 1 / 11 });
  });

  it('prints the figures in the issue table', () => {
    const md = renderMarkdown(m);
    expect(md).toContain('| Chinese SMS advertising caught (advertising label): recall / precision | 75.0% / 75.0% (3/4; 3/4) |');
    expect(md).toContain('| 75.0% (3/4) |');
    expect(md).toContain('| 66.7% (2/3) |');
    expect(md).toContain('66.7% (2/3; 1 blocked)');
    expect(md).toContain('100.0% (2/2) / 50.0% (1/2) / 50.0% (2/4)');
    expect(md).toContain('1 of 11 (9.09%)');
    expect(md).toContain('| 0.500 (offensive recall 50.0%, precision 50.0%)');
    expect(md).toContain('| b | 2 | 100.0% (2/2) | 50.0% (1/2) |');
    expect(md).toContain('(`echoesIssue`): harmful flagged 100.0% (3/3); look-alikes flagged 50.0% (1/2)');
    expect(md).toContain('SMS advertising caught, by family: loan 2/2, shop 1/2');
    expect(md).toContain('Look-alikes flagged, by family: news 2/2, substring 0/1');
  });

  it('says n/a for a set that is absent instead of inventing a figure', () => {
    const md = renderMarkdown(computeMetrics(screened.filter((s) => s.set === 'sms-zh')));
    expect(md).toContain('n/a (obfuscated-harmful absent)');
    expect(md).toContain('n/a (COLD dev absent)');
  });

  it('lists the worst mistakes first: passed harmful items before mis-filed ones, blocked ordinary items before reviewed ones', () => {
    const harmful = worstMisses(screened, 'obfuscated-harmful');
    expect(harmful.missed.map((s) => s.verdict?.suggestion)).toEqual(['pass', 'block']);
    const look = worstMisses(screened, 'lookalike-ordinary');
    expect(look.falseAlarms.map((s) => s.verdict?.suggestion)).toEqual(['block', 'review']);
    expect(worstMisses(screened, 'sms-zh', 1).missed).toHaveLength(1);
  });
});

describe('eval:filter inputs', () => {
  it('parses CSV with a BOM, quoted commas, doubled quotes, CRLF and newlines inside quotes', () => {
    expect(parseCsv('\ufeffa,b\r\n1,"x, ""y"""\n2,"第一行\n第二行"\n')).toEqual([
      ['a', 'b'],
      ['1', 'x, "y"'],
      ['2', '第一行\n第二行'],
    ]);
  });

  it('reads COLD dev rows by column name, label 1 as offensive and 0 as ordinary', () => {
    const { dir, cleanup } = tempDir('shenhe-eval-');
    try {
      const file = path.join(dir, 'dev.csv');
      writeFileSync(file, '\ufeff,split,topic,label,TEXT\n7,dev,race,1,"有逗号,的文本"\n9,dev,region,0,普通的一句话\n');
      expect(readColdDev(file).items).toEqual([
        { id: 'cold-dev-7', text: '有逗号,的文本', label: 'offensive', family: 'race' },
        { id: 'cold-dev-9', text: '普通的一句话', label: 'ordinary', family: 'region' },
      ]);
    } finally {
      cleanup();
    }
  });
});

describe('npm run eval:filter (through the real shenhe screen CLI; needs npm run build)', () => {
  // Made-up terms in a fixture pack, so the expected verdicts do not depend on what the shipped packs contain.
  const AD_PACK = ['category: advertising', 'rules:', '  - id: evaltest.ad', '    terms: [枑梣甲乙推广]'].join('\n');
  const INSULT_PACK = [
    'category: fraud_insult',
    'rules:',
    '  - id: evaltest.insult',
    '    label: insult',
    '    action: block',
    '    terms: [枑梣丙丁骂人]',
  ].join('\n');
  const line = (o: object): string => JSON.stringify({ source: 'test fixture', licence: 'Apache-2.0', ...o });
  let dir: string;
  let cleanup: () => void;

  beforeEach(() => {
    ({ dir, cleanup } = tempDir('shenhe-eval-'));
    mkdirSync(path.join(dir, 'sets'));
    mkdirSync(path.join(dir, 'rules'));
    writeFileSync(path.join(dir, 'rules', 'evaltest-ads.yaml'), AD_PACK);
    writeFileSync(path.join(dir, 'rules', 'evaltest-insult.yaml'), INSULT_PACK);
    writeFileSync(
      path.join(dir, 'sets', 'sms-zh.jsonl'),
      [
        line({ id: 's1', text: '本店枑梣甲乙推广，欢迎光临', label: 'advertising', category: 'advertising' }),
        line({ id: 's2', title: '枑梣甲乙推广', text: '欢迎光临', label: 'advertising', category: 'advertising' }),
        line({ id: 's3', text: '你好', label: 'advertising', category: 'advertising' }),
        line({ id: 's4', text: '我们明天下午三点开会。', label: 'ordinary' }),
        line({ id: 's5', text: '今天天气很好，适合散步。', label: 'ordinary' }),
      ].join('\n') + '\n',
    );
    writeFileSync(path.join(dir, 'cold.csv'), ',split,topic,label,TEXT\n1,dev,race,1,枑梣丙丁骂人\n2,dev,race,0,我们明天下午三点开会。\n');
  });
  afterEach(() => cleanup());

  it('screens the sets and COLD rows with the CLI given by --cmd and computes the figures from its verdicts', async () => {
    const out = await run([
      '--sets',
      path.join(dir, 'sets'),
      '--cold',
      path.join(dir, 'cold.csv'),
      '--rules',
      path.join(dir, 'rules'),
      '--cmd',
      path.join(ROOT, 'bin', 'shenhe.js'),
      '--json',
    ]);
    const doc = JSON.parse(out) as { metrics: ReturnType<typeof computeMetrics>; sets: { name: string; items: number }[] };
    expect(doc.sets).toEqual([
      { name: 'sms-zh', items: 5 },
      { name: 'cold-dev', items: 2 },
    ]);
    // s1 and s2 (the term in the title) carry the advertising label, s3 does not: recall 2/3, precision 2/2.
    expect(doc.metrics.sms).toMatchObject({
      adRecall: { n: 2, of: 3, rate: 2 / 3 },
      adPrecision: { n: 2, of: 2, rate: 1 },
      ordinaryFlagged: { n: 0, of: 2, rate: 0 },
    });
    expect(doc.metrics.cold?.accuracy).toEqual({ n: 2, of: 2, rate: 1 });
    expect(doc.metrics.ordinaryBlocked).toEqual({ n: 0, of: 3, rate: 0 });
    expect(doc.metrics.harmful).toBeNull();
  });

  it('prints the Markdown table, says which filter it ran (a checkout folder given to --cmd), and skips COLD dev with a note when it is absent', async () => {
    // --cmd may name a checkout folder instead of its bin/shenhe.js.
    const out = await run(['--sets', path.join(dir, 'sets'), '--cold', path.join(dir, 'missing.csv'), '--rules', path.join(dir, 'rules'), '--cmd', ROOT]);
    expect(out).toMatch(/^Filter: `node .*bin\/shenhe\.js screen` --rules .* \(NOT shipped defaults\)/);
    expect(out).toContain('COLD dev skipped:');
    expect(out).toContain('| 66.7% / 100.0% (2/3; 2/2) |');
  });

  it('refuses an unknown option', async () => {
    await expect(run(['--frobnicate'])).rejects.toThrow('unknown option --frobnicate');
  });
});
