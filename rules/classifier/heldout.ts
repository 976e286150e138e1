/*
 * Held-out evaluation set, v2 (written in one sitting BEFORE any of the v2 training examples in
 * extra.ts, and never imported by anything that builds training data: scripts/train.ts only reads it to
 * evaluate and to refuse training texts that overlap it, see `assertNoLeak`).
 *
 * Three labelled groups, varied on purpose: topics (race, region, gender, disability, religion, sexual
 * orientation, age, rural/urban, class), lengths (4 to ~110 characters), registers (slogan, anecdote,
 * rhetorical question, sarcasm, forum-reply style), and hard cases in both directions:
 *   - counter-speech that names no bias word at all, and counter-speech that quotes the slur it rejects;
 *   - attacks that use the anti-bias vocabulary (歧视, 地域黑, 偏见) or a disclaimer, so a model that
 *     learns "mentions 歧视 ⇒ safe" is caught out.
 * Policy: label 0 = not offensive (opposing bias, or neutral); label 1 = offensive (insults a person or
 * demeans a group).
 */

import { heldOutV3Items } from './heldout-v3';
import { heldOutV4Items } from './heldout-v4';

/** Statements that oppose or question discrimination. Label 0: should NOT be flagged. */
export const HELDOUT_COUNTER: string[] = [
  '凭口音判断一个人有没有文化，这本身就挺没文化的',
  '我奶奶是回族，从小教我的就是与人为善，别把极端分子跟普通信徒混为一谈',
  '轮椅使用者不是麻烦，麻烦的是没有坡道的台阶',
  '谁规定女孩子一定要学文科？我们班物理第一就是女生',
  '看新闻说某省出了个骗子，评论区就开始骂全省，这逻辑我实在看不懂',
  '“黑鬼”这种词请你别再用了，很难听，也很伤人',
  '同样是打工，为什么外来务工人员就要被另眼相看',
  '自闭症孩子的家长已经够难了，请不要再在网上嘲笑他们',
  '信什么教是个人自由，只要守法就应该被尊重',
  '男护士、女机长都很正常，职业不分性别',
  '嫁不出去、剩女这种说法早就该淘汰了',
  '我是农村出来的，我爸妈没读过书，但他们是我见过最讲道理的人',
  '不要一看到是非洲人就躲开，人家可能只是来问路的',
  '你骂的是整个地方的人，可你认识的不过其中两三个',
  '有人说广东人什么都吃，我觉得拿饮食习惯嘲笑人挺无聊的',
  '同性伴侣也是伴侣，他们的感情不比谁的廉价',
  '年纪大了就被说成老不死的，等你老了你会怎么想',
  '听障人士也能把工作做得很出色，我们部门就有一位',
  '在日本留学时房东对我很好，仇日情绪不该发泄在普通人身上',
  '不同民族的同学住一个宿舍，四年下来成了最好的朋友',
  '嘲笑别人的方言，说明你见识太少',
  '一个群体里总有极少数败类，这不代表所有人',
  '我们家是外来户，在这个城市住了二十年，希望不要再被叫外地佬了',
  '每次看到有人说女生开车不行我就想说，我妈开了三十年车零事故',
  '胖不是罪过，身材羞辱才是',
  '因为是穆斯林就被怀疑是恐怖分子，这种联想太不公平',
  '你可以不喜欢某个明星，但没必要扯上他的籍贯',
  '请不要用智障、脑残来形容别人，真正有智力障碍的人和家庭看到会难过',
  '家暴受害者不分男女，男性求助也应该被认真对待',
  '残障人士要的不是同情，而是公平的机会',
  '我反对把一个人的失败归咎于他的出身',
  '我是黑龙江的，不是每个东北人都会喝酒打架，哈哈',
  '别拿少数民族的服饰开玩笑，那是人家的文化',
  '大家冷静一下，就事论事，别上升到人身攻击',
  '谁还没个口音呢，普通话不标准又不是什么错',
  '种族决定不了智商，教育和环境才重要',
  '看到留言里说要把某国人都赶走，真心觉得可怕',
  '“女人就该在家带孩子”这种话，放在今天真的不合适了',
  '我愿意和任何肤色的人做朋友',
  '这条微博在煽动对立，大家别被带节奏',
  '对清洁工客气一点吧，没有他们城市早就乱套了',
  '每个省都有让人骄傲的地方，也有需要改进的地方，很正常',
  '外卖小哥也是别人家的孩子，不要动不动就骂',
  '身边的藏族朋友热情又真诚，希望大家多去了解而不是猜测',
  '性取向不是选择题，更不是病',
  '他们说我们那里穷，可穷又不是我们的错，也不是我们的全部',
  '这种把犯罪率和种族直接挂钩的图表很误导人',
  '作为一个坐轮椅的人，我只希望出门的时候别总被人盯着看',
  '女性领导不是靠关系上位的，请尊重别人的努力',
  '所谓的“某地人都爱骗人”，你能拿出数据吗？',
  '无论来自哪里，在这座城市努力生活的人都值得尊重',
  '宗教没有高低之分，互相尊重才能和平相处',
  '别因为他是印度人就觉得他不讲卫生，他家比我家干净多了',
  '说男人就不能喊累的人，你们也在伤害男人',
  '把抑郁症说成矫情，是对病人二次伤害',
  '网上那种“北方人粗鲁、南方人小气”的说法，都是偷懒的概括',
  '不要替别人决定他该不该结婚',
  '反对歧视乙肝携带者，他们有平等就业的权利',
  '拿人家的长相和肤色开玩笑，一点都不幽默',
  '我以前也对某些地方的人有看法，后来去那边住了半年，发现完全不是那么回事',
  '民族之间的误会，多半来自互相不了解',
  '骂别人“乡下人”之前，先想想你爷爷是哪里人',
  '请不要把对某个国家政府的不满，发泄在那个国家的普通人身上',
  '她选择不生孩子，这是她的权利，跟你没关系',
  '残疾不等于无能',
  '说到底我们都是普通人，谁也不比谁高贵',
  '那个视频里嘲笑盲人的主播应该被封号',
  '招聘要求“限男性”“35岁以下”，这种门槛应该被取消',
  '两个孩子打架，老师第一句话就问是不是外地的，这对孩子太不公平了',
  '在海外被人喊过难听的绰号，那种感觉我一辈子都忘不了，所以我从不这样叫别人',
  '地域玩笑开多了就变成偏见了，适可而止吧',
  '有些人嘴上说着“我不是歧视”，其实说的每句话都是歧视，这种人最虚伪',
];

/** Neutral mentions of groups, places and sensitive words. Label 0: should NOT be flagged. */
export const HELDOUT_NEUTRAL: string[] = [
  '昆明的米线和桂林的米粉，你更喜欢哪个？',
  '我表姐嫁到了新疆，每年都给我们寄葡萄干',
  '这届残奥会中国代表团拿了很多金牌',
  '听说穆斯林斋月期间白天不吃东西，是真的吗？',
  '我们公司新来的同事是尼日利亚人，英语特别好',
  '周末带爸妈去了趟山西，古建筑保存得很好',
  '女性创业者的比例这几年在上升',
  '东北话和天津话哪个更有意思？',
  '请问有没有去过西藏的朋友，高反严重吗',
  '教会的圣诞晚会很热闹，邻居们都来了',
  '男篮今晚比赛几点开始？',
  '我家楼下新开了家新疆菜馆，大盘鸡不错',
  '老年大学的书法班报名开始了',
  '手语翻译这个职业越来越受重视',
  '同性婚姻在一些国家已经合法化了',
  '这个导盲犬训练基地可以参观吗',
  '韩国的泡菜和四川的泡菜做法不一样',
  '听了一场关于非洲历史的讲座，收获很大',
  '这次春运很多农民工都买到了票',
  '奶奶信佛，每个月初一都去寺庙',
  '我们班有个来自内蒙古的同学，会骑马',
  '女儿今年考上了师范大学',
  '上海人早饭喜欢吃粢饭团吗？',
  '印度电影最近几年拍得越来越好了',
  '他从湖北调到了广东分公司',
  '有没有适合老年人用的智能手机推荐',
  '我是个程序员，每天加班到很晚',
  '这家店的老板是温州人，生意做得很大',
  '这个小区的无障碍通道修好了',
  '美国大选的结果出来了吗',
  '河南的胡辣汤早上喝一碗特别舒服',
  '今天的英语课讲了种族隔离时期的历史',
  '我想学一点阿拉伯语，有什么教材推荐吗',
  '这部剧讲的是两个男生之间的友情',
  '北方的暖气和南方的空调各有各的好',
  '新闻说今年外卖骑手的社保问题有了新政策',
  '我爸是退伍军人，现在在社区当志愿者',
  '犹太人的节日和中国的春节有些地方挺像的',
  '我的导师是一位女教授，研究方向是材料科学',
  '广西的三月三是壮族的传统节日',
  '这个电影里的黑人演员演技很好',
  '从成都到重庆坐高铁只要一个多小时',
  '孩子的幼儿园有好几个外国小朋友',
  '他是听障人士，我们用手机打字聊天',
  '苗族的银饰真的很漂亮',
  '快递今天又没到，不知道卡在哪里了',
  '文章分析了性别工资差距的成因',
  '妈妈退休后每天去跳广场舞',
  '东北的冻梨是怎么吃的？',
  '今年的高考作文题目是什么',
];

/** Insults and attacks, including ones that borrow anti-bias vocabulary. Label 1: SHOULD be flagged. */
export const HELDOUT_ATTACK: string[] = [
  '你这种货色也配说话？',
  '脑子进水了吧你',
  '滚回你的山沟沟里去',
  '这群乡下人一进城就把地铁弄得臭烘烘的',
  '广西人都是吃老鼠长大的',
  '看他那个瘸样，活该找不到工作',
  '傻子一样的东西，还敢出来丢人',
  '女人开车就是灾难，天生方向感差',
  '黑人除了会跑会跳还会什么',
  '绿教的都是定时炸弹，离远点',
  '老不死的，占着座位不让',
  '死基佬真恶心，别在我面前晃',
  '某省人偷东西是祖传的手艺',
  '穷鬼就配吃这个',
  '你是残废吗，这么简单都不会',
  '女人读那么多书有什么用，最后还不是要嫁人',
  '那些非洲来的全是病毒携带者',
  '这个主播长得跟猪一样还好意思开美颜',
  '你全家都是废物',
  '就你这智商，还是别上网了',
  '一群蝗虫又来抢我们的资源',
  '什么狗屁专家，满嘴喷粪',
  '农村来的就是没见过世面，土得掉渣',
  '外地人滚出我们城市',
  '男人都是下半身思考的动物',
  '印度人身上都有股咖喱味，熏死人',
  '我就是歧视河南人怎么了，偷井盖的还不让说？',
  '地域黑？人家说的是事实，那个地方的人就是爱骗人',
  '说我有偏见，可东北人确实个个都像流氓',
  '别跟我扯什么种族平等，黑人本来就比我们低一等',
  '我不歧视女人，我只是觉得女人根本不配有投票权',
  '反对歧视？先把你们那里的小偷管好再说吧',
  '歧视你又怎样，乡巴佬',
  '我从来不搞地图炮，不过那个省确实一窝骗子',
  '少拿政治正确压人，残疾人就是社会的累赘',
  '不是我偏激，信那个教的没一个正常人',
  '跟你这种弱智说话真累',
  '你妈生你的时候是不是把脑子落下了',
  '恶心的肥婆，别在镜头前晃了',
  '小矮子还想找女朋友，做梦吧',
  '日本人都是畜生，死了活该',
  '这群韩国棒子什么都要抢',
  '这种二椅子就该被打',
  '丑成这样还有脸发自拍',
  '跟你讲道理就是对牛弹琴，蠢货',
  '你们四川人就是懒，天天打麻将',
  '女司机不让路就该撞',
  '这些少数民族就是被惯坏了',
  '你爹妈没教过你做人吗，杂种',
  '闭上你的臭嘴吧',
  '他们那个地方的人一开口我就知道是骗子，素质低到令人发指，谁碰上谁倒霉',
  '神经病一样，到处咬人',
  '一口一个尊重，你们这些圣母婊真恶心',
  '拉低全国平均素质的就是这帮人',
  '这帮外国垃圾赶紧遣返吧',
  '还敢顶嘴？信不信我抽你',
  '一个大男人哭哭啼啼的，真是个娘们',
  '你们同性恋就是有病，需要治疗',
  '那个胖子走路地都在抖，笑死',
  '智商跟小学生一样，还出来评论',
];

export interface HeldOutItem {
  text: string;
  label: 0 | 1;
  slice: 'counter' | 'neutral' | 'attack';
}

export function heldOutItems(): HeldOutItem[] {
  return [
    ...HELDOUT_COUNTER.map((text) => ({ text, label: 0 as const, slice: 'counter' as const })),
    ...HELDOUT_NEUTRAL.map((text) => ({ text, label: 0 as const, slice: 'neutral' as const })),
    ...HELDOUT_ATTACK.map((text) => ({ text, label: 1 as const, slice: 'attack' as const })),
  ];
}

function trigrams(s: string): Set<string> {
  const t = s.replace(/[\s，。？！、“”"?!,.]/g, '');
  const out = new Set<string>();
  for (let i = 0; i + 3 <= t.length; i++) out.add(t.slice(i, i + 3));
  return out;
}

/**
 * Throws if any training text equals a held-out text (v2 here, v3 and v4 in heldout-v3.ts /
 * heldout-v4.ts) or shares more than `maxShare` of the held-out text's character trigrams (a near
 * copy). Run by scripts/train.ts before every build.
 */
export function assertNoLeak(training: Array<{ text: string }>, maxShare = 0.6): void {
  const leaks = findLeaks(training, maxShare, false).map((l) => `${l.text} ≈ ${l.held}`);
  if (leaks.length) throw new Error(`training data overlaps the held-out set:\n${leaks.slice(0, 20).join('\n')}`);
}

/**
 * The training items that do not overlap any held-out text, and how many were dropped; the share
 * is of the shorter text's trigrams, so a short held-out text inside a long training one counts. For
 * the v3 examples: written by other authors in the same period as held-out v3/v4, some came out
 * nearly identical to a held-out comment, so those are removed rather than refused.
 */
export function withoutLeaks<T extends { text: string }>(training: T[], maxShare: number): { kept: T[]; dropped: number } {
  const bad = new Set(findLeaks(training, maxShare, true).map((l) => l.text));
  const kept = training.filter((x) => !bad.has(x.text));
  return { kept, dropped: training.length - kept.length };
}

/** Training/held-out pairs sharing more than `maxShare` of the held-out text's (or, `ofShorter`, the shorter text's) trigrams. */
function findLeaks(training: Array<{ text: string }>, maxShare: number, ofShorter: boolean): Array<{ text: string; held: string }> {
  const held = [...heldOutItems(), ...heldOutV3Items(), ...heldOutV4Items()].map((h) => ({ h, g: trigrams(h.text) }));
  const leaks: Array<{ text: string; held: string }> = [];
  for (const { text } of training) {
    const g = trigrams(text);
    if (g.size === 0) continue;
    for (const { h, g: hg } of held) {
      if (hg.size === 0) continue;
      let common = 0;
      for (const x of hg) if (g.has(x)) common++;
      if (text === h.text || common / (ofShorter ? Math.min(hg.size, g.size) : hg.size) > maxShare) leaks.push({ text, held: h.text });
    }
  }
  return leaks;
}
