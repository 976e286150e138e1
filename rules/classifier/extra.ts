/*
 * Training examples written for this project (not from any dataset), to teach what COLD has too little
 * of: statements that oppose discrimination, neutral mentions of groups, and (so the model does not
 * learn "group name ⇒ safe") plain attacks on the same groups; plus Chinese ad lures for the spam head.
 * The held-out slices in eval-slices.ts are written separately with different wording.
 */
import type { LabelledText } from './data';

const ETHNIC_GROUPS = [
  '黑人', '白人', '日本人', '韩国人', '印度人', '非洲人', '穆斯林', '犹太人', '外国人', '少数民族', '维吾尔族',
  '藏族同胞', '回族', '河南人', '东北人', '上海人', '北京人', '广东人', '四川人', '湖南人', '新疆人',
  '农村人', '外地人', '南方人', '北方人', '安徽人', '山东人', '福建人', '温州人', '江西人', '甘肃人',
];
const GENDER_GROUPS = [
  '女性', '男性', '女生', '男生', '女人', '男人', '女司机', '单身女性', '家庭主妇', '同性恋', '跨性别者',
  '全职爸爸', '大龄女青年', '女程序员',
];

const COUNTER = [
  '不应该歧视{g}',
  '反对一切针对{g}的歧视',
  '{g}也是普通人，不要一竿子打翻一船人',
  '地域黑真的很无聊，{g}里好人多的是',
  '个别人的行为不能代表所有{g}',
  '请尊重{g}，大家都是平等的',
  '因为是{g}就被区别对待，这是不公平的',
  '拿{g}开地图炮的人才最没素质',
  '我很反感那些骂{g}的言论',
  '{g}和我们一样，都值得被善待',
  '歧视{g}是不对的',
  '不要给{g}贴标签',
  '为什么总有人对{g}有偏见？',
  '我认识的{g}都很好，不要以偏概全',
  '看到有人攻击{g}我很难过',
  '别再传播针对{g}的刻板印象了',
  '人品好坏和是不是{g}没有关系',
  '抵制对{g}的仇恨言论',
  '每个{g}都是独立的个体，不能一概而论',
  '凭什么看不起{g}？这种想法太狭隘了',
  '{g}被歧视的遭遇让人心疼，希望社会更包容',
  '评论区骂{g}的人，你们自己又好到哪里去',
];

const NEUTRAL = [
  '我有个{g}朋友，人特别热情',
  '今天认识了几个{g}，聊得很开心',
  '{g}的生活习惯和我们有些不同，挺有意思的',
  '我的同事是{g}，工作很认真',
  '这部纪录片讲的是{g}的日常生活',
  '{g}里也有很多优秀的科学家',
  '有没有{g}推荐一下家乡的美食？',
  '听{g}讲他们那边的故事，长了不少见识',
];

const ATTACK = [
  '{g}都是垃圾，滚出去',
  '{g}没一个好东西',
  '又是{g}干的，真恶心',
  '{g}就是低等人',
  '离{g}远点，素质太差了',
  '{g}智商就是不行',
  '{g}全都是骗子',
  '看见{g}就想吐',
  '{g}就该被赶走',
  '{g}就是一群蛆',
];

const PERSONAL_ATTACK = [
  '你是不是脑子有病', '滚吧你个傻逼', '废物一个，活着浪费空气', '你妈死了吗说话这么臭', '什么东西，也配评论',
  '脑残就别出来丢人了', '你这种人渣就该被骂', '弱智吧你', '狗东西闭嘴', '看你那副贱样就恶心',
  '蠢得像头猪', '你算个屁', '神经病，滚远点', '下贱的玩意儿', '你全家都是畜生',
];

const INSULT_WORDS = [
  '傻逼', '脑残', '智障', '弱智', '白痴', '蠢货', '废物', '垃圾', '人渣', '贱人', '婊子', '绿茶婊', '死肥猪',
  '狗东西', '畜生', '杂种', '神经病', '王八蛋', '混蛋', '舔狗', '土鳖', '丑八怪', '屌丝', '二货',
];
const INSULT_TEMPLATES = ['你就是个{x}', '{x}，闭嘴吧', '一群{x}', '真是个{x}', '楼上的{x}滚远点'];

const SPAM_ZH = [
  '加微信{n}领取免费福利', '兼职刷单日赚300元，联系QQ{n}', '代开各类发票，电话{n}', '低价出售高仿名牌包，加V：{n}',
  '点击链接领取现金红包 http://t.cn/{n}', '澳门首家线上娱乐，注册送88元，加{n}', '贷款无抵押当天放款，详询{n}',
  '招聘宝妈在家做兼职，一单一结，加微{n}', '减肥神药一周瘦十斤，私聊{n}', '专业刷粉刷赞，价格优惠，VX{n}',
  '游戏代练包上王者，联系{n}', '出售各地手机号码数据，QQ{n}',
];

/* Free-form counter-speech, not tied to a template: the shapes real comments take. */
const COUNTER_FREE = [
  '任何地方都有好人也有坏人，不能一棍子打死', '这跟是哪里人没有关系，是个人素质问题', '请不要把个人行为上升到整个省份',
  '地域歧视真的很伤人，我身边很多朋友都因为口音被嘲笑过', '大家都是中国人，互相攻击有什么意思', '我坚决反对性别歧视',
  '男女都一样，能力才是最重要的', '不要因为肤色去评判一个人', '拿种族说事的人都很可悲', '种族平等是人类文明的底线',
  '网上那些骂某个地方的人，现实中可能都没去过那里', '被地域黑的人也是有感受的', '一个人的好坏不取决于他的籍贯',
  '招聘写明只要男性，这是赤裸裸的就业歧视，应该被处罚', '女性也有选择不结婚的权利，这不应该被指责', '支持同工同酬',
  '我们应该批评的是具体的行为，而不是某个群体', '标签化一个群体是非常不公平的', '因为一个案子就骂所有外国人，太偏激了',
  '大部分黑人也是勤勤恳恳过日子的普通人', '你说的那些都是刻板印象，现实并不是这样', '说到底，歧视别人只会暴露自己的无知',
  '我是东北人，从小到大没见过什么黑社会，别再传了', '河南人也是勤劳善良的，网上的段子太过分了', '不要用个例去代表整体',
  '民族团结才是正道，挑拨民族关系的言论应该抵制', '请停止对农民工的歧视，城市是他们建起来的', '男生喜欢粉色也没什么问题啊',
  '女生不化妆也很正常，别用外表评价人', '每个民族都有自己的文化，应该互相尊重', '我不认同你对南方人的看法，太片面了',
  '把某个地方的人说成小偷，这本身就是造谣', '看到评论区一堆地图炮，真替这个国家的网络环境担心', '性别不是能力的标准',
  '残疾人也有平等工作的权利', '同性恋者也应该受到法律保护', '外地人来这里工作也是为城市做贡献', '穷不是罪，嘲笑穷人才可耻',
  '说上海人排外的，其实大部分上海人都很友好', '被人骂乡下人的时候我很难受，希望大家将心比心', '歧视是一种暴力，哪怕只是言语上的',
  '我觉得这个博主说得对，不应该因为出身看不起人', '看到有人替被歧视的人说话，很感动', '这种一概而论的说法我不同意',
  '不要再拿女司机开玩笑了，出事故的男司机也很多', '中国人在国外被歧视的时候也会很委屈，所以我们更不该歧视别人',
  '骂人的人不代表那个地方', '少一些戾气，多一些包容', '有问题就事论事，不要扯到民族身上', '我们要警惕种族主义思潮',
];

/* Short slogans (the issue's own examples among them); COLD labels 93% of comments with 种族歧视 offensive. */
const SLOGANS = [
  '地域歧视是不对的', '不应该因为性别区别对待', '反对种族歧视', '反对地域歧视', '反对性别歧视', '拒绝歧视', '人人平等',
  '男女平等', '种族平等', '停止歧视', '拒绝地域黑', '反对一切形式的歧视', '民族平等，互相尊重', '歧视可耻',
];

/* Comments that open with a disclaimer and then attack: the disclaimer must not buy a pass. */
const FAKE_DISCLAIMER = [
  '我不是地域黑，但是河南人真的太会骗了', '我反对种族歧视，但黑人就是素质低', '不是歧视，女人就是不适合当领导',
  '我不歧视任何人，但是东北人都是骗子', '说句不歧视的话，外地人真的脏', '我不搞地图炮，但这个省的人确实没几个好东西',
  '不是我偏见，新疆人就是爱偷东西', '我尊重所有人，除了那些黑鬼', '平等是平等，但娘炮真的恶心',
  '我没有性别歧视，只是觉得女司机都是马路杀手',
];

function fill(templates: string[], groups: string[], label: 0 | 1, topic: string, source: string): LabelledText[] {
  const out: LabelledText[] = [];
  for (const t of templates) for (const g of groups) out.push({ text: t.replace('{g}', g), label, topic, source });
  return out;
}

/** Examples for the offensive/topic heads. */
export function extraOffensiveExamples(): LabelledText[] {
  return [
    ...fill(COUNTER, ETHNIC_GROUPS, 0, 'region', 'extra-counter'),
    ...fill(COUNTER, GENDER_GROUPS, 0, 'gender', 'extra-counter'),
    ...fill(NEUTRAL, ETHNIC_GROUPS, 0, 'region', 'extra-neutral'),
    ...fill(NEUTRAL, GENDER_GROUPS, 0, 'gender', 'extra-neutral'),
    ...fill(ATTACK, ETHNIC_GROUPS, 1, 'region', 'extra-attack'),
    ...fill(ATTACK, GENDER_GROUPS, 1, 'gender', 'extra-attack'),
    ...SLOGANS.map((text) => ({ text, label: 0 as const, topic: 'region', source: 'extra-slogan' })),
    ...COUNTER_FREE.map((text) => ({ text, label: 0 as const, topic: 'region', source: 'extra-counter-free' })),
    ...FAKE_DISCLAIMER.map((text) => ({ text, label: 1 as const, topic: 'region', source: 'extra-disclaimer' })),
    ...INSULT_TEMPLATES.flatMap((t) =>
      INSULT_WORDS.map((x) => ({ text: t.replace('{x}', x), label: 1 as const, topic: 'gender', source: 'extra-personal' })),
    ),
    ...PERSONAL_ATTACK.map((text) => ({ text, label: 1 as const, topic: 'gender', source: 'extra-personal' })),
  ];
}

/** Chinese ad lures: the SMS corpus is English only, and the rule packs do the heavy lifting for Chinese ads. */
export function extraSpamExamples(): LabelledText[] {
  const out: LabelledText[] = [];
  let n = 13579;
  for (const t of SPAM_ZH) {
    for (let k = 0; k < 4; k++) {
      n = (n * 7919 + 104729) % 1000000007;
      out.push({ text: t.replace('{n}', String(n % 100000000)), label: 1, topic: '', source: 'extra-spam' });
    }
  }
  return out;
}
