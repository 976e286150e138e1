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
    ['法院审理一起开设赌场案，被告人利用赌博网站抽头渔利。', 'gambling.general'],
    ['银行提示：任何要求你转账到“安全账户”的电话都是诈骗。', 'fraud.script'],
    ['民警提醒：收到“ETC认证失效”短信，不要点击链接。', 'fraud.script'],
    ['法院判决：被告人帮助他人出租银行卡，以帮信罪被判刑。', 'crime.trade'],
    ['法院依法审理一起利用邪教组织破坏法律实施案。', 'religion.law-wording'],
    ['警方提醒：发现传播暴恐音视频的，请及时举报。', 'terror.propaganda'],
    ['警方提醒：发现传播暴恐音视频的，请及时举报。', 'terror.general'],
    ['新闻：警方捣毁一个代开发票团伙，查获空白发票上万份。', 'ads.invoice'],
    ['新闻：警方捣毁一个代开发票团伙，查获空白发票上万份。', 'ads.invoice-push'],
    ['新闻：黑客团伙利用勒索病毒攻击医院系统，已被警方抓获。', 'mal.tools'],
    ['新闻：一男子在网上扬言要炸掉学校，已被警方行政拘留。', 'violence.threat-place'],
    ['记者调查：网络暴力中的“人肉搜索”和开盒行为。', 'pd.doxxing'],
    ['警方破获一起贩卖公民个人信息案，涉及数据十万余条。', 'pd.doxxing'],
    ['法院以侵犯公民个人信息罪判处被告人有期徒刑两年。', 'pd.doxxing'],
    // Round 7: a report's cue further from the name than a phrase or two, and court wording.
    ['法院审理查明，被告人张某某一年内多次向他人贩卖冰毒共计56克，一审以贩卖毒品罪判处有期徒刑十五年。', 'crime.drugs'],
    ['某市治安支队突击检查一家棋牌室，现场抓获聚众赌博人员17名，收缴赌资4万余元。', 'gambling.general'],
    ['检察院以诈骗罪对李某提起公诉。起诉书显示，李某冒充工作人员，要求被害人把钱转入所谓“安全账户”。', 'fraud.script'],
    ['炒股别信什么“内幕消息”“带你翻倍”，我交过学费了，现在老老实实定投指数基金。', 'tune.fraud.offers'],
    // Security news and advice name attacks and malware without offering them.
    ['办公室电脑中了勒索病毒，文件全被加密，最后靠备份恢复了。', 'mal.tools'],
    ['安全资讯：某黑客组织对多家医院发动DDoS攻击，挂号系统瘫痪了好几个小时。', 'mal.tools'],
    ['被短信轰炸了一整天，估计手机号在哪个小网站泄露了，已经找运营商开了拦截。', 'mal.tools'],
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
    ['网络赌博，线上赌场24小时开放', 'gambling.general'],
    ['您的账户涉嫌洗钱，请立即转到安全账户', 'fraud.script'],
    ['您的etc认证失效，请点击链接重新认证', 'fraud.script'],
    ['出租银行卡，日赚五百，私聊', 'crime.trade'],
    ['他们宣扬邪教，拉人入会', 'religion.law-wording'],
    ['暴恐视频打包出售，私聊', 'terror.propaganda'],
    ['发票代开，13个点，可验证后付款', 'ads.invoice-push'],
    ['出售勒索病毒，包免杀', 'mal.tools'],
    ['明天我就去炸掉你们学校', 'violence.threat-place'],
    ['专业人肉搜索，查户籍信息，开盒服务', 'pd.doxxing'],
    ['ddos攻击接单，包月更便宜，私聊', 'mal.tools'],
    ['远控木马免杀版，一键生成，需要的加我', 'mal.tools'],
    ['冰毒现货，价格好商量，同城面交', 'fr.drugs.name-trade'],
    ['稳赚不赔的内部计划，老师带你翻倍', 'tune.fraud.offers'],
  ])('%s — still %s', (text, rule) => {
    expect(rules(text)).toContain(rule);
  });
});
