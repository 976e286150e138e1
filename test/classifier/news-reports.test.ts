import { loadDefaultModel } from '../../rules/classifier';
import type { TextModel } from '../../rules/classifier/types';

// cls-7 learns from data/classifier/news-v1.jsonl that a report of a crime or an insult is not one. The
// sentences below are from data/tuning/obfuscation-dev/lookalike-ordinary.jsonl (not training data): cls-6
// scored each of them ≥ 0.5 as an insult or as ethnic hatred. The insults and attacks must still score high.

const model = loadDefaultModel() as TextModel;
const offensive = (text: string): number =>
  Math.max(
    ...model
      .predict(text)
      .filter((p) => p.category === 'ethnic_hatred' || p.category === 'fraud_insult')
      .map((p) => p.score),
  );

describe('news, court and police reports (cls-7)', () => {
  it('states in its version that it is cls-7 or later', () => {
    expect(model.version).toMatch(/^cls-([7-9]|\d\d)\+/);
  });

  it.each([
    '新闻：警方捣毁一个卖淫团伙，抓获嫌疑人十二名',
    '外交部发言人：坚决打击东突恐怖势力',
    '联合国安理会谴责发生在首都的恐怖袭击',
    '一男子在地铁上辱骂殴打乘客，被警方行政拘留',
    '二审维持原判：被告人故意杀人罪成立，判处死刑缓期执行',
    '庭审中，被告人承认曾威胁要杀死被害人全家',
  ])('a report is not offensive: %s', (text) => {
    expect(offensive(text)).toBeLessThan(0.5);
  });

  it.each(['你就是个废物，滚远点', '河南人都是骗子，没一个好东西', '你妈的，傻逼一个'])('an insult or attack still is: %s', (text) => {
    expect(offensive(text)).toBeGreaterThanOrEqual(0.5);
  });
});
