#!/usr/bin/env python3
"""Writes rules/packs/advertising-zh.yaml: its regexes are built from the named cue lists below.

Edit the lists here, run `python3 scripts/gen-advertising-zh.py`, then measure with
`npx tsc -p tsconfig.build.json && node dist/scripts/tune-ads.js` and `npx jest test/rules/advertising-zh.test.ts`.

Limits that shape the lists (rules/regex.ts): a pattern has at most 2,000 characters, and a prefilter
is derived only from an alternation of at most 48 literals, so the side of each pair that arms the regex
(the call to action, the job word, the loan bait …) must stay within 48 rare words. The engine runs
patterns with flags giu; a look-behind or character class at the start of a branch is tried at every
position of the text, so every branch starts with a literal.
"""
import os
import sys
N = r'[\dx一二两三四五六七八九十百千万.]'
parts = {}
# A number before a word (5折起, 50元券) is checked by a look-behind after the word: a leading look-behind
# or digit class is tried at every position (80 µs per KB of text instead of 1).
O_BRANCHES = [
    rf'全场[^，。！!\n]{{0,6}}?{N}{{1,4}}折',
    rf'折(?<={N}折)(?:起|优惠|特惠|酬宾|封顶)',
    rf'低至\s?{N}{{1,4}}折|低(?<=最低)\s?{N}{{1,4}}折',
    rf'满\s?{N}{{1,6}}元?(?:立?减|即?送|返|赠)\s?{N}{{1,6}}',
    r'买[一二1]送[一二1]',
    rf'第二件(?:半价|{N}{{1,3}}折|0元)',
    r'店(?<=[进到]店)(?:即|就)?(?:送|有礼|即享)',
    r'大酬宾|大促|钜惠|巨惠|秒杀|抢购|抢券|限时(?:特惠|折扣|优惠|特价)|狂欢|领券|免费(?:领取|试吃|试听|体验|检测|量房|送)|体验价|体验课|试听课|预存\d|充\d{2,5}送',
    rf'元(?<={N}元)(?:优惠|代金|现金)?券',
    r'券(?<=(?:优惠|代金)券)(?:已到账|已放入|待领取|包)',
    r'红包(?:待领取|已到账|即将过期)',
    r'积分(?:即将)?(?:过期|清零)',
    rf'首付{N}{{1,6}}万?(?:起|开回家|即可|入住)',
    rf'享受?{N}{{1,4}}折',
    rf'(?:立减|直降|立省|直减)\s?{N}{{1,6}}',
    rf'[需售价](?<=仅需|只需|仅售|秒杀价|到手价|福利价|拼团价|会员价|特价)\s?{N}{{1,6}}元',
    rf'元起(?<={N}元起)',
    r'[送赠享礼](?<=(?:预订|预定|签约|下单|报名|购车|办卡|充值|消费|试驾|到场|来店)(?:即|就|立|再|还)?(?:送|赠|享|有礼))',
    r'(?:特惠|钜惠|大促|狂欢|特价|献礼|福利|酬宾)(?<=[节季日庆](?:特惠|钜惠|大促|狂欢|特价|献礼|福利|酬宾))',
    r'元(?<=0元)(?:拿|购|抢|领|送|试)',
    rf'送价值\s?{N}{{1,6}}|大礼包',
]
parts['O_STRONG'] = '|'.join(O_BRANCHES)
# The offers a regex may start with (offer first, then call, link or phone): the commoner half of the
# list. V8 tries every branch of a leading alternation at every position, so the whole list costs
# ≈ 11 µs per KB of text and this half ≈ 4; the other offers still count after a call, link or tag.
O_FIRST = '|'.join(O_BRANCHES[:7] + [r'秒杀|抢购|大促|领券|限时(?:特惠|折扣|优惠|特价)|免费领取'] + O_BRANCHES[8:9] + O_BRANCHES[12:17])
parts['O_WEAK'] = r'特价|特惠|促销|优惠活动|新品上市|开业|店庆|周年庆|会员日|会员专享|福利|抽奖|免单|包邮|礼包|好礼|礼品|赠品|优惠券|代金券|红包|积分兑换|折扣|打折|' + rf'折(?<={N}折)|优惠|清仓|甩卖|看房|试驾|办卡|以旧换新|新品|上新'
# Calls to action. Only phrases that are rare in ordinary comments: they are what arms these regexes
# (欢迎 or 点赞 alone occurs in one ordinary comment in twenty), and at most 48 of them fit a prefilter.
parts['CTA'] = '|'.join([
    r'欢迎光临|欢迎惠顾|欢迎莅临|欢迎选购|欢迎品尝|欢迎来电|欢迎新老|欢迎到店|欢迎来店|恭候光临|敬请光临|期待您的光临',
    r'致电|来电咨询',
    r'热线|专线|咨询电话|预约电话|订餐电话',
    r'详询|详情请|详情咨询',
    r'速来|速戳|猛戳|戳链接',
    r'点击领取|点击链接|点击抢购',
    r'立即领取|立即抢购|立即预约|立即报名',
    r'先到先得|名额有限|数量有限|机会难得|手慢无|错过再等',
    r'活动时间|活动期间|活动地址',
    r'(?:地址|店址)[:：]',
    r'退订|拒收|回T',
])
# (?<!\d) after the first digit, not before it: a leading look-behind is tried at every position.
PHONE = r'(?:1(?<!\d1)[3-9]\d{9}|4(?<!\d4)00-?\d{3}-?\d{4}|0(?<!\d0)\d{2,3}-\d{7,8})(?!\d)'
parts['LINK'] = r'https?://|www\.|t\.cn/|dwz\.cn/|url\.cn/|suo\.im/|tb\.cn/|jd\.com/|3\.cn/|douyin\.com/|bit\.ly/'
W = r'[\s\S]{0,60}?'
pats = {}
pats['ads.mk-promo'] = f"(?:{parts['O_WEAK']}){W}(?:{parts['CTA']})|(?:{parts['CTA']}){W}(?:{parts['O_WEAK']})"

# ---- recruiting, loan, gambling, invoice, certificate
WARN_BEFORE = r'(?<!(?:警惕|谨防|小心|凡是|所谓|别信|不要信|防范|提醒|揭秘|曝光)[\s\S]{0,16})'
WARN_AFTER = r'(?![\s\S]{0,12}(?:诈骗|骗局|骗子|被骗|违法|犯罪|陷阱|套路|不可能|是假的|不靠谱|别信))'
def cooc(a, b, w):
    # The warning look-behind sits after the first cue, so it is tried only where a cue matched (at the
    # start of the pattern it would run at every position: 7 MB/s instead of 150).
    return f"(?:{a}){WARN_BEFORE}[\\s\\S]{{0,{w}}}?(?:{b}){WARN_AFTER}|(?:{b}){WARN_BEFORE}[\\s\\S]{{0,{w}}}?(?:{a}){WARN_AFTER}"
JOB = r'兼职|刷单|补单|拍单|刷信誉|刷好评|点赞员|点赞任务|点赞赚|关注点赞|做任务|做个任务|接任务|任务单|打字员|手工活|抢单|看视频赚钱|线上工作|网络工作|在家上班|在家办公|在家工作'
PAY = (r'日结|日赚|日入|月结|计件|在家做|一单一结|结一单|佣金|返佣|垫付|提成|月入(?:过万|上万|\d)|日薪|轻松(?:赚|月入|日入)|'
       r'(?:手机|在家)(?:就能|即可|就可以)|无需(?:押金|经验|门槛)|不收(?:任何)?(?:费用|押金)|时间自由|多劳多得|'
       r'加[微vV]|加我|私聊|私我|扣1|进群|拉群|有意者|赚零花钱|一天(?:轻松)?[\d一二三四五六七八九百]{2,4}|元/单|每单')
LOAN = r'贷(?:款)?|借款|借钱|放款|下款|信用卡|额度|网贷|借呗|备用金'  # 贷 alone: the prefilter then takes LPUSH's rarer words
LPUSH = (r'秒批|秒到|秒下|秒放|无抵押|无需抵押|免抵押|不押车|不看征信|不查征信|不上征信|黑户|白户|当天放款|当天到账|当天下款|'
         r'分钟到账|小时到账|分钟放款|小时放款|小时下款|低息|日息|月息|年化|利息低|手续简便|凭身份证|身份证就能|额度高|最高可贷|最高可借|'
         r'审批快|放款快|下款快|不成功不收费|包装下款|专业办理|代还|套现|预授信|待领取')
GAME = (r'菠菜|博彩|娱乐城|真人(?:荷官|视讯)|百家乐|龙虎斗|时时彩|六合彩|快三|快3|pk10|幸运飞艇|棋牌|老虎机|电子游艺|'
        r'投注|下注|赌(?:场|城)|现金网|捕鱼|牛牛|炸金花|德州扑克|彩票|足球|竞猜|平台')  # 赌 alone: the prefilter takes GPUSH's rarer words
GPUSH = (r'首充|首存|彩金|返水|注册送|注册就送|注册即送|体验金|存款送|出款|提款|跟单|带单|计划群|计划员|稳赚|必中|稳胆|上岸|'
         r'跟着老师|跟老师|导师带|信誉第一|信誉保证|邀请码|好运金|赔率高|赔率最高|可提现|可以提现|一码中特|内部资料|期期中|期期必中')
INV = r'发票|开票|票据|专票|普票'
IPUSH = r'代开|点数|税点|[\d一二三四五六七八九十]{1,2}个点|可查|可验|验证后付款|验票|保真|真票|可抵扣|均可开|都可以开|都能开|各类|各行业|量大|一手渠道|开具各类'
CERT = r'证件|证书|学历|毕业证|学位证|资格证|驾驶证|驾照|职称|四六级|健康证|上岗证|文凭|拿证|考试|一建|二建|建造师|工程师|会计证|教师证|本科|大专'
CPUSH = r'办理各类|办理各种|出售各类|代办|包过|包拿证|快速拿证|不用考试|免考|无需考试|学信网可查|可查档|全国通用|当天出证|内部渠道|不过退费|代考'
LOANT = r'无抵押(?:信用)?贷款?|黑户(?:贷款|可贷|也能贷|也可以)|白户可贷|秒下款|当天放款|网贷口子|新口子|不看征信|不查征信|不上征信'
pats2 = {
    'ads.loan-terms': '(?:' + LOANT + ')' + WARN_BEFORE + WARN_AFTER,
    'ads.job-scam': cooc(JOB, PAY, 30),
    'ads.loan-push': cooc(LOAN, LPUSH, 24),
    'ads.gambling-push': cooc(GAME, GPUSH, 30),
    'ads.invoice-push': cooc(INV, IPUSH, 20),
    'ads.certificate-push': cooc(CERT, CPUSH, 20),
}

O, C, L = parts['O_STRONG'], parts['CTA'], parts['LINK']
yaml = f"""# Chinese advertising beyond contact pushes (clause 8): marketing SMS and posts, 刷单/兼职 scam recruiting,
# loan offers, gambling promotion, fake invoices and certificates. Version 2026.1.
#
# Precision first: a single generic word (折扣, 促销, 兼职, 贷款, 发票, 彩票) is ordinary Chinese, and so is
# a 【…】 sender tag (banks and couriers use it). Almost every rule here needs two cues of different kinds
# close together — an offer and a call to action, a job and its pay, a loan and its bait — written as one
# regex with both orders. The regexes are long because the `all` rule kind takes single terms, not groups
# of alternatives. GENERATED by scripts/gen-advertising-zh.py from named cue lists: edit them there and
# regenerate. The side of each pair that arms the regex (its prefilter) is a list of rare words, so on
# ordinary text these regexes seldom run.
#
# Warnings are not ads: the recruiting, loan, gambling, invoice and certificate pairs do not fire when a
# warning word (警惕, 谨防, 凡是, 所谓, 别信, 提醒…) comes just before, or a verdict word (诈骗, 骗局, 骗子,
# 违法, 犯罪, 陷阱, 不可能…) just after: 凡是让你先垫付的兼职都是诈骗.
#
# Measured with scripts/tune-ads.ts (see rules/README.md, "Chinese advertising").
category: advertising
version: '2026.1'
rules:
"""


def comment(text):
    return ''.join(f'  # {line}\n' for line in text.strip('\n').split('\n'))


def rule(rid, label, weight, pattern=None, terms=None, note=None, extra=''):
    """One rule of the pack, as YAML (patterns single-quoted: they hold no quote)."""
    body = f'  - id: {rid}\n    label: {label}\n    weight: {weight}\n{extra}'
    body += f"    pattern: '{pattern}'\n" if pattern is not None else f'    terms: [{terms}]\n'
    return (comment(note) if note else '') + body


def pair(a, b):
    return f'(?:{a})' + W + f'(?:{b})'


DIGITS10 = '    minDigitRun: 10\n'
yaml += rule('ads.mk-optout', 'marketing', 0.6,
             r'回复?\s?(?:TD|T|N|R|0000)\s?(?:退订|拒收)|(?:退订|拒收)\s?请?\s?回复?\s?(?:TD|T|N|R|0000)(?![a-z0-9])|(?<![a-z0-9])TD\s?(?:退订|拒收)',
             note='Opt-out lines exist only on bulk commercial SMS (回T退订, 拒收请回复R, 退订回N, TD退订).')
yaml += rule('ads.mk-shop-invite', 'marketing', 0.6,
             terms='凭此短信, 凭本短信, 欢迎新老顾客, 欢迎新老客户, 恭候新老顾客, 开业酬宾, 开业大酬宾, 盛大开业, 隆重开业, 进店有礼, 进店即送, 到店有礼,\n'
                   '      到店即送, 进店就送, 到店就送, 开业钜惠, 店庆酬宾, 全场清仓',
             note="Phrases only a shop's own message uses.")
yaml += rule('ads.mk-offer', 'marketing', 0.6, pair(O_FIRST, C), note="""A concrete offer (全场8折, 5折起, 满300减50, 买一送一, 进店即送, 领券, 体验价, 首付5万起, 50元券, 立减20,
仅需99元, 女神节特惠, 0元拿 …) within 60 characters of a call to action (欢迎光临, 详询, 咨询热线, 致电,
速戳, 立即领取, 先到先得, 活动时间, 地址：, 退订 …), a link or a phone number, in either order: one rule
per pair and order, to stay under the 2,000-character pattern limit and to give each a prefilter from
its rarer side (the offer list is longer than the 48 literals a prefilter may have). When the offer
comes first, only the commoner half of the offers counts (the cost of a leading alternation grows with
its branches: ≈ 4 µs per KB of text instead of 11).""")
yaml += rule('ads.mk-offer-call-first', 'marketing', 0.6, pair(C, O))
yaml += rule('ads.mk-offer-link', 'marketing', 0.6, pair(O_FIRST, L))
yaml += rule('ads.mk-offer-link-first', 'marketing', 0.6, pair(L, O))
yaml += rule('ads.mk-offer-tag', 'marketing', 0.6, r'^【[^】\n]{2,12}】' + W + f'(?:{O})',
             note='A 【sender】 tag counts only at the start of the message and only before a concrete offer.')
yaml += rule('ads.mk-offer-phone', 'marketing', 0.6, pair(O_FIRST, PHONE), extra=DIGITS10)
yaml += rule('ads.mk-offer-phone-first', 'marketing', 0.6, pair(PHONE, O), extra=DIGITS10)
yaml += rule('ads.mk-promo', 'marketing', 0.5, pats['ads.mk-promo'], note="""A weaker promotional word (特价, 促销, 会员日, 红包, 打折, 开业, 新品 …) needs a call to action (as
above, not a bare link or tag: 【美团】…本单使用红包5元 is a receipt).""")
yaml += rule('ads.job-scam', 'recruiting', 0.7, pats2['ads.job-scam'], note="""A job (兼职, 刷单, 补单, 点赞任务, 打字员, 手工活 …) and its pay or hook (日结, 日赚, 佣金, 垫付, 一单一结,
月入过万, 手机就能做, 不收费用, 加微, 私聊, 进群 …) within 30 characters.""")
yaml += rule('ads.loan-push', 'loan', 0.7, pats2['ads.loan-push'], note="""A loan word (贷款, 借款, 额度, 网贷, 备用金, 信用卡 …) and its bait (秒批, 无抵押, 不看征信, 黑户, 当天放款,
低息, 日息, 最高可贷, 套现, 预授信, 待领取 …) within 24 characters.""")
yaml += rule('ads.loan-terms', 'loan', 0.6, pats2['ads.loan-terms'],
             note='Loan bait that is an offer by itself (无抵押贷款, 黑户可贷, 不看征信, 当天放款 …), not after a warning.')
yaml += rule('ads.gambling-terms', 'gambling_promo', 0.7,
             terms='首存送, 首充送, 注册送彩金, 好运金, 菠菜平台, 博彩平台, 真人荷官, 性感荷官, 一码中特, 稳赚计划',
             note='Words that belong to gambling promotion only.')
yaml += rule('ads.gambling-bonus', 'gambling_promo', 0.7, terms='彩金, 返水',
             extra='    except: [首饰, 项链, 戒指, 手链, 耳环, 耳钉, 吊坠, 黄金, 铂金, k金, 18k, 玫瑰金, 卫生间, 厨房, 地漏, 下水道, 防水, 墙面, 地面, 楼上, 楼下,\n'
                   '      装修, 水管, 漏水, 管道]\n',
             note='彩金 and 返水 are gambling bonuses, but also coloured gold (彩金首饰) and water backing up (卫生间返水).')
yaml += rule('ads.gambling-push', 'gambling_promo', 0.7, pats2['ads.gambling-push'], note="""A game or platform word (菠菜, 娱乐城, 百家乐, 时时彩, 快三, 棋牌, 投注, 彩票, 足球, 平台 …) and its bait
(首充, 首存, 注册送, 出款, 跟单, 带单, 计划群, 稳赚, 必中, 上岸, 跟着老师, 邀请码, 可提现 …) within 30 characters.""")
yaml += rule('ads.invoice-push', 'invoice', 0.8, pats2['ads.invoice-push'],
             extra='    except: [警方, 民警, 捣毁, 团伙, 查获, 新闻, 法院, 判处, 被告人]\n    contextWindow: 12\n',
             note="发票/开票/专票 and a seller's word (代开, 点数, 税点, 13个点, 可查, 可验, 保真, 可抵扣, 各类 …) within 20.\n"
                  'News and court reports of invoice gangs (警方捣毁代开发票团伙) are not ads.')
yaml += rule('ads.certificate-push', 'certificate', 0.7, pats2['ads.certificate-push'],
             note='证书/学历/驾照/职称/考试 … and 代办, 包过, 不用考试, 学信网可查, 可查档, 当天出证 … within 20.')

import re
for m in re.finditer(r"pattern: '(.*)'", yaml):
    assert len(m.group(1)) <= 2000, f'pattern of {len(m.group(1))} characters'
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'rules', 'packs', 'advertising-zh.yaml')
with open(out, 'w', encoding='utf-8') as f:
    f.write(yaml)
print('wrote', os.path.normpath(out), file=sys.stderr)
