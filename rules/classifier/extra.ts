/*
 * Training examples written for this project (not from any dataset), to teach what COLD has too little
 * of: statements that oppose discrimination, neutral mentions of groups, and (so the model does not
 * learn "group name ⇒ safe") plain attacks on the same groups; plus Chinese ad lures for the spam head.
 * The held-out slices in eval-slices.ts are written separately with different wording.
 */
import type { LabelledText } from './data';

const ETHNIC_GROUPS = [
  '黑人',
  '白人',
  '日本人',
  '韩国人',
  '印度人',
  '非洲人',
  '穆斯林',
  '犹太人',
  '外国人',
  '少数民族',
  '维吾尔族',
  '藏族同胞',
  '回族',
  '河南人',
  '东北人',
  '上海人',
  '北京人',
  '广东人',
  '四川人',
  '湖南人',
  '新疆人',
  '农村人',
  '外地人',
  '南方人',
  '北方人',
  '安徽人',
  '山东人',
  '福建人',
  '温州人',
  '江西人',
  '甘肃人',
];
const GENDER_GROUPS = [
  '女性',
  '男性',
  '女生',
  '男生',
  '女人',
  '男人',
  '女司机',
  '单身女性',
  '家庭主妇',
  '同性恋',
  '跨性别者',
  '全职爸爸',
  '大龄女青年',
  '女程序员',
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
  '你是不是脑子有病',
  '滚吧你个傻逼',
  '废物一个，活着浪费空气',
  '你妈死了吗说话这么臭',
  '什么东西，也配评论',
  '脑残就别出来丢人了',
  '你这种人渣就该被骂',
  '弱智吧你',
  '狗东西闭嘴',
  '看你那副贱样就恶心',
  '蠢得像头猪',
  '你算个屁',
  '神经病，滚远点',
  '下贱的玩意儿',
  '你全家都是畜生',
];

const INSULT_WORDS = [
  '傻逼',
  '脑残',
  '智障',
  '弱智',
  '白痴',
  '蠢货',
  '废物',
  '垃圾',
  '人渣',
  '贱人',
  '婊子',
  '绿茶婊',
  '死肥猪',
  '狗东西',
  '畜生',
  '杂种',
  '神经病',
  '王八蛋',
  '混蛋',
  '舔狗',
  '土鳖',
  '丑八怪',
  '屌丝',
  '二货',
];
const INSULT_TEMPLATES = ['你就是个{x}', '{x}，闭嘴吧', '一群{x}', '真是个{x}', '楼上的{x}滚远点'];

const SPAM_ZH = [
  '加微信{n}领取免费福利',
  '兼职刷单日赚300元，联系QQ{n}',
  '代开各类发票，电话{n}',
  '低价出售高仿名牌包，加V：{n}',
  '点击链接领取现金红包 http://t.cn/{n}',
  '澳门首家线上娱乐，注册送88元，加{n}',
  '贷款无抵押当天放款，详询{n}',
  '招聘宝妈在家做兼职，一单一结，加微{n}',
  '减肥神药一周瘦十斤，私聊{n}',
  '专业刷粉刷赞，价格优惠，VX{n}',
  '游戏代练包上王者，联系{n}',
  '出售各地手机号码数据，QQ{n}',
];

/* Free-form counter-speech, not tied to a template: the shapes real comments take. */
const COUNTER_FREE = [
  '任何地方都有好人也有坏人，不能一棍子打死',
  '这跟是哪里人没有关系，是个人素质问题',
  '请不要把个人行为上升到整个省份',
  '地域歧视真的很伤人，我身边很多朋友都因为口音被嘲笑过',
  '大家都是中国人，互相攻击有什么意思',
  '我坚决反对性别歧视',
  '男女都一样，能力才是最重要的',
  '不要因为肤色去评判一个人',
  '拿种族说事的人都很可悲',
  '种族平等是人类文明的底线',
  '网上那些骂某个地方的人，现实中可能都没去过那里',
  '被地域黑的人也是有感受的',
  '一个人的好坏不取决于他的籍贯',
  '招聘写明只要男性，这是赤裸裸的就业歧视，应该被处罚',
  '女性也有选择不结婚的权利，这不应该被指责',
  '支持同工同酬',
  '我们应该批评的是具体的行为，而不是某个群体',
  '标签化一个群体是非常不公平的',
  '因为一个案子就骂所有外国人，太偏激了',
  '大部分黑人也是勤勤恳恳过日子的普通人',
  '你说的那些都是刻板印象，现实并不是这样',
  '说到底，歧视别人只会暴露自己的无知',
  '我是东北人，从小到大没见过什么黑社会，别再传了',
  '河南人也是勤劳善良的，网上的段子太过分了',
  '不要用个例去代表整体',
  '民族团结才是正道，挑拨民族关系的言论应该抵制',
  '请停止对农民工的歧视，城市是他们建起来的',
  '男生喜欢粉色也没什么问题啊',
  '女生不化妆也很正常，别用外表评价人',
  '每个民族都有自己的文化，应该互相尊重',
  '我不认同你对南方人的看法，太片面了',
  '把某个地方的人说成小偷，这本身就是造谣',
  '看到评论区一堆地图炮，真替这个国家的网络环境担心',
  '性别不是能力的标准',
  '残疾人也有平等工作的权利',
  '同性恋者也应该受到法律保护',
  '外地人来这里工作也是为城市做贡献',
  '穷不是罪，嘲笑穷人才可耻',
  '说上海人排外的，其实大部分上海人都很友好',
  '被人骂乡下人的时候我很难受，希望大家将心比心',
  '歧视是一种暴力，哪怕只是言语上的',
  '我觉得这个博主说得对，不应该因为出身看不起人',
  '看到有人替被歧视的人说话，很感动',
  '这种一概而论的说法我不同意',
  '不要再拿女司机开玩笑了，出事故的男司机也很多',
  '中国人在国外被歧视的时候也会很委屈，所以我们更不该歧视别人',
  '骂人的人不代表那个地方',
  '少一些戾气，多一些包容',
  '有问题就事论事，不要扯到民族身上',
  '我们要警惕种族主义思潮',
];

/* Short slogans (the issue's own examples among them); COLD labels 93% of comments with 种族歧视 offensive. */
const SLOGANS = [
  '地域歧视是不对的',
  '不应该因为性别区别对待',
  '反对种族歧视',
  '反对地域歧视',
  '反对性别歧视',
  '拒绝歧视',
  '人人平等',
  '男女平等',
  '种族平等',
  '停止歧视',
  '拒绝地域黑',
  '反对一切形式的歧视',
  '民族平等，互相尊重',
  '歧视可耻',
];

/* Comments that open with a disclaimer and then attack: the disclaimer must not buy a pass. */
const FAKE_DISCLAIMER = [
  '我不是地域黑，但是河南人真的太会骗了',
  '我反对种族歧视，但黑人就是素质低',
  '不是歧视，女人就是不适合当领导',
  '我不歧视任何人，但是东北人都是骗子',
  '说句不歧视的话，外地人真的脏',
  '我不搞地图炮，但这个省的人确实没几个好东西',
  '不是我偏见，新疆人就是爱偷东西',
  '我尊重所有人，除了那些黑鬼',
  '平等是平等，但娘炮真的恶心',
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
    ...INSULT_TEMPLATES.flatMap((t) => INSULT_WORDS.map((x) => ({ text: t.replace('{x}', x), label: 1 as const, topic: 'gender', source: 'extra-personal' }))),
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

/*
 * v2 examples, written after the held-out set in heldout.ts was fixed (and checked against it by
 * heldout.assertNoLeak before every training run). They widen what v1 covered: more topics (disability,
 * religion, age, sexual orientation, class, appearance), counter-speech without any bias word, counter-
 * speech that quotes the label it rejects, and hard negatives — attacks that borrow the anti-bias
 * vocabulary — so the model cannot learn "mentions 歧视 ⇒ safe".
 */
const V2_GROUPS: Array<[string, string]> = [
  ['残疾人', 'gender'],
  ['盲人', 'gender'],
  ['聋哑人', 'gender'],
  ['精神病人', 'gender'],
  ['自闭症患者', 'gender'],
  ['基督徒', 'race'],
  ['佛教徒', 'race'],
  ['信教的人', 'race'],
  ['穆斯林', 'race'],
  ['老年人', 'gender'],
  ['00后', 'gender'],
  ['同性恋', 'gender'],
  ['跨性别者', 'gender'],
  ['农民工', 'region'],
  ['保洁阿姨', 'region'],
  ['乡下人', 'region'],
  ['小镇青年', 'region'],
  ['胖子', 'gender'],
  ['矮个子', 'gender'],
  ['单亲家庭的孩子', 'gender'],
  ['离过婚的女人', 'gender'],
  ['贵州人', 'region'],
  ['江苏人', 'region'],
  ['陕西人', 'region'],
  ['内蒙古人', 'region'],
  ['台湾同胞', 'region'],
  ['拉美人', 'race'],
  ['阿拉伯人', 'race'],
  ['越南人', 'race'],
  ['俄罗斯人', 'race'],
  ['白人女性', 'race'],
  ['女博士', 'gender'],
  ['男幼师', 'gender'],
  ['外企员工', 'gender'],
];

const V2_COUNTER = [
  '{g}同样是社会的一份子，凭什么要被看低',
  '我身边就有{g}，跟大家没什么两样',
  '对{g}的嘲讽一点也不好笑',
  '一说到{g}就想到负面新闻，这是媒体挑着报道的结果',
  '把{g}当成笑料的人，自己也未必高明',
  '{g}遇到的不公平待遇，需要被更多人看见',
  '评价一个人看的是他做了什么，而不是他是不是{g}',
  '请对{g}多一点耐心和善意',
  '网上关于{g}的段子大多是编的，别当真',
  '{g}也有追求幸福的权利',
  '如果被这样议论的是你，你还会觉得{g}活该吗',
  '以前我也误解过{g}，接触多了才发现是自己眼界窄',
  '别再拿{g}当出气筒了',
  '{g}不欠谁一个解释',
  '为什么一定要把{g}想得那么坏呢',
  '很多{g}在默默付出，只是没有人报道',
];

const V2_NEUTRAL = [
  '社区组织了一次{g}参加的座谈会',
  '这本书的主人公是一位{g}',
  '记者采访了几位{g}，了解他们的想法',
  '{g}的数量这几年有变化吗？有没有统计数据',
  '朋友圈里有位{g}分享了他的旅行照片',
  '关于{g}的政策有哪些新变化？',
];

const V2_ATTACK = [
  '{g}都是社会的寄生虫',
  '{g}就不该生出来',
  '{g}脑子都不正常',
  '见一个{g}骂一个',
  '{g}天生就低人一等',
  '有{g}的地方就没好事',
  '{g}活着就是浪费粮食',
  '让{g}离我远点，看着就烦',
  '{g}连狗都不如',
  '{g}全是一副穷酸样',
  '{g}就该统统关起来',
  '{g}说话我一个字都不信',
];

/* Attacks that borrow anti-bias words or a disclaimer: must stay offensive. */
const V2_FAKE = [
  '我不是歧视{g}，但{g}确实天生就笨',
  '说我歧视也好，{g}就是比别人差',
  '这不是偏见，{g}本来就脏',
  '讲什么平等，{g}根本不配',
  '地域黑又怎样，{g}就是欠骂',
  '{g}被歧视是他们自找的',
  '歧视{g}有什么问题？',
  '尊重{g}？别逗了，他们不配',
  '别给我扣歧视的帽子，{g}本来就是祸害',
  '人人平等？{g}也算人？',
];

/* Personal attacks without a lexicon word: appearance, intelligence, threats, contempt. */
const V2_PERSONAL = [
  '长成这样还敢出门吓人',
  '你这智商也就配去扫大街',
  '再多说一句我弄死你',
  '信不信我找人收拾你',
  '你这种人活该没朋友',
  '看你这副德行就知道没出息',
  '你这张嘴是刚吃过屎吗',
  '猪脑子都比你好使',
  '一脸横肉的丑八怪',
  '什么玩意儿，也敢在这叫唤',
  '没爹妈教的东西',
  '又丑又作，谁看了都想吐',
  '你怎么还不去死',
  '你是没长脑子吗',
  '眼瞎了吗，这都看不见',
  '耳朵聋了吗，叫你半天',
  '矮冬瓜一个，还装什么大佬',
  '满脸痘的丑鬼别出来现眼',
  '这么老了还出来丢人现眼',
  '跟个疯狗似的乱叫',
  '你就是个没人要的货',
  '瞧你那穷酸样',
  '一身肥肉还好意思穿短裙',
  '你这种人就该被社会淘汰',
  '喷子一个，滚远点吧',
  '傻了吧唧的，说啥都听不懂',
  '你爸妈生你真是造孽',
  '就你也配当老师？误人子弟',
  '呸，什么德行',
  '我看你是欠揍',
  '少在这装，恶不恶心',
  '笨得跟头驴一样',
  '你这样的就是社会的毒瘤',
  '赶紧闭嘴吧，丢人',
  '不要脸的东西',
];

/* Counter-speech with no bias word, or quoting the label it rejects. */
const V2_COUNTER_FREE = [
  '“阿三”不是外号，是侮辱，换个称呼吧',
  '“土包子”这个词一点都不好笑，谁还不是从小地方出来的',
  '把“女人味”当成对女生的要求，真的没必要',
  '“屌丝”这种自嘲就算了，拿去骂别人就过分了',
  '用“棒子”称呼韩国人不礼貌',
  '“蝗虫”这种叫法是在把人当害虫，别用了',
  '别用“残废”这个词，人家有名字',
  '“死胖子”这种话对别人的伤害比你想的大',
  '一个人说话带口音，不代表他素质低',
  '他是什么地方的人，跟这件事有什么关系？',
  '新闻里那个人犯的错，不应该让他的老乡来承担',
  '大家出身不同，但没有谁比谁更高贵',
  '请把注意力放在事情本身，而不是当事人的籍贯',
  '这种一棒子打死的说法，我不认同',
  '每个人都只是他自己，不是谁的代表',
  '嘲笑别人的身体缺陷，是最低级的幽默',
  '我朋友是盲人，他比很多视力正常的人活得通透',
  '看到有人因为信仰被嘲笑，我觉得很难受',
  '老人学不会用手机很正常，多教几遍就好了',
  '别因为年纪给人下结论，年轻人也有靠谱的',
  '穿什么衣服是她的自由，不能成为被骚扰的理由',
  '女孩子也可以喜欢机械和编程',
  '男生当幼师挺好的，孩子们都很喜欢他',
  '离婚不是什么丢人的事，不该被指指点点',
  '单亲家庭的孩子一样可以很优秀',
  '农民工兄弟盖起了高楼，却常常被人嫌弃，这不公平',
  '保洁阿姨也值得一句谢谢',
  '不是所有胖的人都懒，很多是因为疾病',
  '身高不能衡量一个人的价值',
  '外表只是一个人很小的一部分',
  '你这么说，其实是在用几个人的行为给一群人定罪',
  '我不同意把某个民族和暴力联系在一起',
  '把所有外国人都当骗子，和别人把所有中国人当骗子有什么区别',
  '网暴一个群体的时候，每个人都觉得自己没有责任',
  '这个标题明显在挑动地区矛盾，大家理性看待',
  '说话别带上人家的家乡，就事论事',
  '对不同的生活方式多一点理解吧',
  '谁都可能成为少数的那一方',
  '听完他们的故事，我才明白自己以前的看法有多片面',
  '这种“某某人就是怎样”的句式，本身就有问题',
  '我们村的人也被外面的人笑话过，那种滋味不好受',
  '嫌弃别人穷的人，大概没吃过苦',
  '为什么总有人觉得嘲笑别人的口音很好玩',
  '信仰不同的人也能成为好邻居，我家对门就是',
  '同性之间的感情和异性之间的一样真实',
  '我为自己以前说过的那些地域段子道歉',
  '被骂的那个群体里，也有帮过你的人',
  '跨性别者只是想安安静静地生活',
  '精神疾病和感冒一样需要治疗，不该被嘲笑',
  '招聘只看能力，性别年龄户籍都不该成为门槛',
  '请别再转发那种把某个地方妖魔化的视频了',
];

/* Neutral mentions, including insult-lexicon words used literally (垃圾分类, 狗狗). */
const V2_NEUTRAL_FREE = [
  '小区今天开始垃圾分类，门口多了四个桶',
  '我家狗狗今天第一次学会了握手',
  '这道历史题问的是种族隔离制度为什么会结束',
  '我们的课题是关于就业中的性别差异',
  '学校新开了一门宗教与文化的选修课',
  '奶奶今年八十岁了，身体还很硬朗',
  '楼下那家兰州拉面馆开了十几年了',
  '他在特殊教育学校当老师，教聋哑孩子画画',
  '这个城市的外来人口占了一半以上',
  '回老家过年，发现村里修了新路',
  '我们公司最近招了几个应届生，都是00后',
  '她是一名盲人钢琴调音师',
  '猪肉价格最近又涨了',
  '周末去动物园看了猴子和熊猫',
  '这届世界杯非洲球队表现不错',
  '听说贵州的酸汤鱼很好吃，有推荐的店吗',
  '我妈是江苏人，我爸是陕西人，家里南北口味都有',
  '同事的婚礼在清真寺附近的酒店办的',
  '有个坐轮椅的朋友想去故宫，无障碍设施怎么样',
  '讨论一下：城乡教育资源差距怎么缩小',
  '关于残疾人就业的新规定出来了',
  '俄罗斯的冬天比东北还冷吗',
  '白人、黑人和亚裔在这项研究里的样本量差不多',
  '这件衣服的黑色和白色哪个更好看',
  '今天的辩论题目是“网络言论是否应该实名”',
  '弟弟今年上初中了，个子长得很快',
  '外婆是苗族，会唱很多山歌',
];

/* Rebuttals of a reported generalisation (counter) against agreement with it (attack): same words, other stance. */
const REPORTED_GROUPS = ['湖北人', '广东人', '江西人', '黑人', '外国人', '女人', '男人', '农村人', '残疾人', '信教的人', '老年人', '贵州人'];
const REPORTED_CLAIMS = ['都懒', '都是骗子', '素质差', '不讲卫生', '都笨', '脾气暴躁'];
const REBUT = ['你真的认识几个吗？', '拿出证据来再说', '自己先照照镜子吧', '这话你自己信吗', '你身边的人也是这样吗？', '这不就是在以偏概全'];
const AGREE = ['我看一点没错', '这话说得太对了', '确实如此，我深有体会', '事实就是这样', '谁接触谁知道'];

/* Everyday gender mentions: the gender vocabulary of COLD and SWSR is mostly in offensive comments. */
const GENDER_NEUTRAL = [
  '男生宿舍楼下新开了一家奶茶店',
  '女生组的比赛下午三点开始',
  '这家医院的男护士和女护士一样多',
  '女儿和儿子都在上小学',
  '男子一百米决赛今晚举行',
  '女性健康讲座在三楼会议室',
  '男士洗手间在走廊尽头',
  '我们班男生二十个，女生二十五个',
  '调查显示男性和女性的睡眠时间差不多',
  '女足和男足今天都有比赛',
  '她和她丈夫一起经营一家书店',
  '男同事帮我修好了打印机',
  '女生节学校发了一束花',
  '我老公做饭比我好吃',
  '新来的女老师教数学',
  '男生更喜欢哪种礼物？求推荐',
];

export function extraV2Examples(): LabelledText[] {
  const out: LabelledText[] = [];
  const fillV2 = (templates: string[], label: 0 | 1, source: string): void => {
    for (const t of templates) for (const [g, topic] of V2_GROUPS) out.push({ text: t.split('{g}').join(g), label, topic, source });
  };
  fillV2(V2_COUNTER, 0, 'extra2-counter');
  fillV2(V2_NEUTRAL, 0, 'extra2-neutral');
  fillV2(V2_ATTACK, 1, 'extra2-attack');
  fillV2(V2_FAKE, 1, 'extra2-fake');
  out.push(...V2_PERSONAL.map((text) => ({ text, label: 1 as const, topic: 'gender', source: 'extra2-personal' })));
  out.push(...V2_COUNTER_FREE.map((text) => ({ text, label: 0 as const, topic: 'region', source: 'extra2-counter-free' })));
  out.push(...V2_NEUTRAL_FREE.map((text) => ({ text, label: 0 as const, topic: 'gender', source: 'extra2-neutral-free' })));
  out.push(...GENDER_NEUTRAL.map((text) => ({ text, label: 0 as const, topic: 'gender', source: 'extra2-neutral-gender' })));
  let r = 0;
  for (const g of REPORTED_GROUPS) {
    for (const claim of REPORTED_CLAIMS) {
      const topic = /女|男/.test(g) ? 'gender' : 'region';
      const rebut = REBUT[r % REBUT.length];
      const agree = AGREE[r % AGREE.length];
      r++;
      out.push({ text: `说${g}${claim}的，${rebut}`, label: 0, topic, source: 'extra2-counter-reported' });
      out.push({ text: `都说${g}${claim}，${agree}`, label: 1, topic, source: 'extra2-agree' });
    }
  }
  return out;
}
