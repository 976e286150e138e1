import { createFilterSync } from '../../rules/filter';

// Rules only: these are about what the rules' exceptions do, not the classifier.
const filter = createFilterSync({ classifier: false });
const rules = (text: string): string[] => [...new Set(filter.screen({ text }).labels.flatMap((l) => l.hits.map((h) => h.rule)))];

describe('trade and service words in warnings, news and ordinary senses do not fire their rules', () => {
  it.each([
    ['税务部门提醒：代开发票是违法行为', 'ads.invoice'],
    ['媒体调查：代开发票黑产链条', 'ads.invoice'],
    ['民警提醒：网上约炮可能遭遇仙人跳敲诈', 'porn.solicitation'],
    ['上门服务的家电维修师傅很专业', 'porn.solicitation'],
    ['保洁阿姨上门服务，打扫得很干净', 'porn.solicitation'],
    ['《圣战》是一部历史小说', 'terror.recruitment'],
    ['圣战士星矢是我小时候最爱的动漫', 'terror.recruitment'],
    ['法院判决：被告人卖毒品罪成立', 'drugs.trade-phrases'],
    ['警方打掉一个出售枪支团伙', 'crime.weapons'],
    ['民警提醒：出售仿真枪属违法行为', 'weapons.sale'],
    ['银行提示：不要点击陌生短信里的链接，谨防钓鱼网站', 'mal.tools'],
    ['床上用品四件套打折，纯棉的', 'pd.doxxing'],
  ])('%s — no %s', (text, rule) => {
    expect(rules(text)).not.toContain(rule);
  });

  it.each([
    ['专业代开发票，税点低，可查验', 'ads.invoice'],
    ['同城约炮，加我微信', 'porn.solicitation'],
    ['出售仿真枪，顺丰包邮', 'weapons.sale'],
    ['卖毒品，有需要的私聊', 'drugs.trade-phrases'],
    ['出售枪支，价格面议', 'crime.weapons'],
    ['钓鱼网站搭建，包过免杀', 'mal.tools'],
    ['开盒服务，四件套齐全', 'pd.doxxing'],
  ])('%s — still %s', (text, rule) => {
    expect(rules(text)).toContain(rule);
  });
});
