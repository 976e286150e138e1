#!/usr/bin/env python3
"""Writes rules/packs/obscene_violent-structure.yaml (issue 12, round 4).

Rules built from the STRUCTURE of a threat, a sale or a call to terror rather than from a list of
wordings: a killing verb + a result + a person; a weapon's head character 枪 next to a seller's word;
an act or organisation of terror next to praise or a call. The cross products are spelled out here so
the pack stays plain YAML (the engine has no rule kind for "A then B then C"). Run from the repo root:
python3 scripts/experiments/gen-structure-pack.py
"""
import json

def flow(xs):
    return '[' + ', '.join(json.dumps(x, ensure_ascii=False) if any(c in x for c in ':#,[]{}') else x for x in xs) + ']'

# Verbs of killing and maiming, each with the results it takes in a threat (砍死/砍残/砍了, 干掉,
# 打死 but not 打了: 打了你的电话).
VERBS = {
    '杀': '死了光掉', '砍': '死残废了', '捅': '死残废了', '宰': '了掉', '剁': '了', '剐': '了', '劈': '死了', '弄': '死残废',
    '搞': '死残', '整': '死残', '撞': '死残', '毒': '死', '掐': '死', '勒': '死', '烧': '死了', '炸': '死了', '打': '死残废',
    '干': '掉', '做': '掉', '废': '了', '灭': '了', '淹': '死', '砸': '死', '射': '死', '扎': '死', '踩': '死', '毙': '了',
}
TARGETS = ['你', '他', '她']
vrt = [v + r + t for v, rs in VERBS.items() for r in rs for t in TARGETS]
# A bare verb and its object, which needs a speaker's intent nearby (我要捅你 / 帮我砍一刀).
VT = [v + t for v in '杀砍捅宰剁剐劈炸' for t in TARGETS]

NOT_A_THREAT = ['游戏', 'boss', '副本', '打怪', '玩家', '开黑', '团战', '吃鸡', '王者', '队友', 'npc', '角色', '开玩笑', '哈哈', '进程',
    '程序', 'bug', '电影', '小说', '剧里', '剧中', '台词', '歌词', '剧本', '拘留', '被拘', '警方', '民警', '通报', '依法', '判处', '被判',
    '判决', '获刑', '被告人', '庭审', '法院', '新闻', '报道', '嫌疑人', '辟谣', '谣言', '被', '凶手', '歹徒', '嫌犯', '案犯', '杀手',
    '鱼', '鸡', '鸭', '猪', '羊', '牛', '虫', '蚊子', '蟑螂', '老鼠', '苍蝇', '蚂蚁', '时间', '比赛', '对手', '比分', '笑死', '气死',
    '累死', '热死', '冷死', '吓死', '可爱', '萌', '宝宝', '拼多多', '砍一刀', '砍价', '打死我也', '打死也不', '鱼塘', '细菌', '病毒',
    '癌细胞', '杂草', '棋', '象棋', '围棋', '五杀', '人头', '击杀', '残局', '废话', '废了我', '杀青', '杀毒', '干掉这', '做掉这', '血条', '女主', '男主', '主角', '剧情', '误杀', '自杀', '不杀', '别杀', '没杀', '拿钱', '用钱', '枪决', '枪毙']
PINYIN_CONTEXT = ['的', '了', '我', '你', '他', '她', '是', '要', '就', '会', '在', '给', '把', '去', '等', '明', '今', '再', '敢', 'woyao',
    'wohui', 'wojiu', 'laozi', 'dengzhe', 'mingtian', 'jintian', 'xinbuxin', 'yiding', 'wyao']
INTENT = ['我', '老子', '爷', '等着', '明天', '今晚', '今天', '迟早', '早晚', '一定', '信不信', '再敢', '敢', '小心', '去你', '找你', '见你',
    '下次', '说到做到', '别让']

TRADE = ['出售', '有货', '现货', '到货', '出货', '货到', '私聊', '私我', '私信', '包邮', '顺丰', '到付', '加v', '加微', '加我', '面交',
    '验货', '可验', '渠道', '批发', '发货', '老客户', '全套', '带弹', '配弹', '一盒', '价格', '懂的', '要的来', '同城', '全国',
    '下单', '九成新', '成色', '便宜出', '打包价', '求购', '哪里买', '代购', '有意', '走物流', '物流', '包真']
GUN_EVERYDAY = ['水枪', '喷枪', '焊枪', '胶枪', '钉枪', '筋膜枪', '按摩枪', '额温枪', '测温枪', '体温枪', '充电枪', '加油枪', '洗车枪',
    '美缝枪', '热风枪', '吹尘枪', '奶油枪', '泡泡枪', '玩具枪', '玩具', '枪版', '枪手', '扫码枪', '扫描枪', '条码枪', '打钉枪', '喷漆枪',
    '高压枪', '拍照', '皮肤', '游戏', '吃鸡', '和平精英', 'cs', '枪战', '射击馆', '射击场', '奥运', '比赛', '电影', '警方', '民警', '公安',
    '缴获', '收缴', '查获', '违法', '犯罪', '提醒', '骗子', '骗局', '别信', '新闻', '报道', '判处', '判决', '被告人', '涉嫌', '博物馆',
    '抢购', '抢先', '枪王', '枪决', '枪毙', '抢单', '抢红包', '枪口', '道具', '模型', '积木', '乐高', '手办', 'cos', '水弹']
ICE_EVERYDAY = ['冰箱', '冰块', '冰淇淋', '冰激凌', '冰棍', '冰粉', '冰糖', '冰美式', '冰镇', '溜冰场', '冰场', '滑冰', '冰柜', '冰雪',
    '冰袋', '冰敷', '冰沙', '冰皮', '冰红茶', '冰水', '冰可乐', '刨冰', '冰山', '冰川', '冰球', '冰壶', '冰柠', '冰奶', '冰咖啡', '冰饮',
    '冰丝', '冰晶', '溜冰', '奶茶', '咖啡', '饮料', '可乐', '果汁', '啤酒', '柠檬', '茶', '冷饮', '去溜冰', '溜冰场', '溜冰鞋', '旱冰', '轮滑', '教练', '摔', '冰面', '冰雕', '冰灯', '冰箱贴', '冰杯', '冰格', '冰凉', '加冰', '去冰', '少冰', '多冰', '冰的饮料', '冰啤']
DRUG_NEWS = ['警方', '民警', '公安', '禁毒', '缉毒', '戒毒', '远离', '危害', '查获', '缴获', '破获', '违法', '犯罪', '吸毒者', '科普', '警惕',
    '提醒', '医生', '医院', '麻醉科', '手术', '新闻', '报道', '判处', '判决', '法院', '庭审', '案件', '被告人', '涉嫌', '纪录片', '电影', '拒绝']
TERROR_NEWS = ['新闻', '报道', '谴责', '演练', '模拟', '历史', '电影', '游戏', '反恐', '警方', '报告', '防范', '处置', '小说', '纪录片',
    '判处', '被告人', '外交部', '联合国', '打击', '严惩', '遇难', '哀悼', '悼念', '受害', '专家', '分析', '研究', '论文', '反对', '抵制',
    '举报', '不是英雄', '不能', '罪行', '罪犯', '伤亡', '安检', '提醒', '当局', '严禁', '禁止', '警惕', '谨防', '不要', '正在', '据悉']
TERROR_ACTS = ['恐怖袭击', '恐袭', '恐怖分子', '恐怖主义', '恐怖组织', '暴恐', '暴力恐怖', '自杀式袭击', '人体炸弹', '人肉炸弹', '圣战',
    '伊斯兰国', '基地组织', '东突', '东伊运', '东突厥斯坦', '吉哈德', '哈里发', '本拉登', '斩首', '劫机', '独狼式袭击', '汽车炸弹']
TERROR_STANCE = ['支持', '赞美', '歌颂', '效忠', '加入', '投奔', '万岁', '必胜', '英雄', '干得好', '干得漂亮', '好样的', '再来一次', '越多越好',
    '才是出路', '是出路', '荣耀', '光荣', '使命', '行动起来', '拿起武器', '献身', '殉道', '到底', '偶像', '继续', '招募', '招人', '报名',
    '兄弟们', '战士们', '团结起来', '我们要', '杀光', '血洗', '必亡', '该死', '正义', '真主']
MAKING = ['自制', '制作', '制造', '做', '配方', '合成']
DEVICES = ['炸弹', '炸药', '爆炸装置', '土炸弹', '燃烧瓶', 'tnt', '雷管', '毒气', '管状炸弹', '遥控炸弹', 'c4']
HOWTO = ['教程', '方法', '步骤', '配方', '资料', '教学', '视频教', '私信', '分享', '免费发', '群里', '手把手', '原料', '材料']

out = []
w = out.append
w('# Article 15 item (7), round 4 of issue 12: rules written from the STRUCTURE of a threat, a sale and a call to')
w('# terror instead of from a list of wordings — a killing verb + its result + a person (砍残他, 毒死你, 干掉她);')
w('# a weapon\'s head character 枪 next to a seller\'s word; an act or organisation of terror next to praise or a call;')
w('# making a device next to a how-to word. `pinyin: true` gives every term its pinyin, initials, mixed,')
w('# sound-alike and split spellings (rules/pinyin.ts), the keyword scan skips separators, emoji, full-width and')
w('# traditional forms, and context/except phrases are found across separators (rules/hit-checks.ts).')
w('# Generated by scripts/experiments/gen-structure-pack.py (edit the lists there). Tuned with the obfuscation')
w('# generator (scripts/experiments/obfuscation-generator.ts) and data/tuning/obfuscation-dev*/; never on')
w('# data/tuning/obfuscation-check3/ or data/heldout/. Weights are low (threats 0.15, others 0.5): these rules are a')
w('# recall net that sends a post to review; next to the shipped rules\' own hits they must not push it to block.')
w('category: obscene_violent')
w("version: '2026.1'")
w('rules:')
w('  # A verb of killing or maiming, its result and a person: the threat\'s core, whatever surrounds it, also in')
w('  # pinyin, initials, sound-alikes and split characters (kan si ni, 石欠死他, 桶死你). A spelt form counts only in a')
w('  # Chinese post or next to pinyin intent (wo yao): initials such as ssn or tcn are English tokens and links. A Han')
w('  # form always meets the context (the term holds 你/他/她). Weight 0.6: with one other threat rule it stays review.')
w('  - id: st.threat.verb-result-person')
w('    label: violence')
w('    weight: 0.15')
w('    pinyin: true')
w(f'    context: {flow(PINYIN_CONTEXT)}')
w(f'    except: {flow(NOT_A_THREAT + ["t.cn", ".cn", ".com", "http", "www"])}')
w('    contextWindow: 10')
w(f'    terms: {flow(vrt)}')
w('  # The bare verb and its object only with a speaker\'s intent nearby (我要捅你; 帮我砍一刀 is not one).')
w('  - id: st.threat.verb-person-intent')
w('    label: violence')
w('    weight: 0.15')
w('    pinyin: true')
w(f'    context: {flow(INTENT)}')
w(f'    except: {flow(NOT_A_THREAT)}')
w('    contextWindow: 10')
w(f'    terms: {flow(VT)}')
w('  # What will happen to the person, with no verb named: 让你死得很难看, 让你们全家陪葬, 叫他偿命.')
w('  - id: st.threat.let-die')
w('    label: violence')
w('    weight: 0.15')
w(f'    except: {flow(NOT_A_THREAT)}')
w('    contextWindow: 10')
w("    pattern: '(?:让|叫|要)(?:你|他|她)们?(?:全家|一家|家里人)?(?:都)?(?:给我)?(?:死得|死无|去死|陪葬|偿命|收尸|见不到明天|活不过|活不成|横着出|躺着出|断手断脚|缺胳膊少腿|血债血偿)'")
w('  # Carrying a weapon, petrol or a bomb to the person: 拿刀去你学校找你, 带炸弹去你公司, 揣着枪堵他.')
w('  - id: st.threat.armed-approach')
w('    label: violence')
w('    weight: 0.15')
w(f'    except: {flow(NOT_A_THREAT)}')
w('    contextWindow: 10')
w("    pattern: '(?:带|拿|揣|提|背|扛)(?:着|上|了)?(?:一把|把|一桶|桶|几个|个|一瓶|瓶)?(?:刀|菜刀|砍刀|西瓜刀|水果刀|斧头|锤子|枪|炸弹|炸药|汽油|硫酸|雷管|煤气罐)[^。！？\\n]{0,8}?(?:去|到|找|堵|等|来)(?:你|他|她)'")
w('  # Everyone at a place or in a family: 把你们公司的人全杀光, 烧光你们, 一个不留.')
w('  - id: st.threat.kill-all')
w('    label: violence')
w('    weight: 0.15')
w('    pinyin: true')
w(f'    context: [你们, 你家, 全家, 公司, 学校, 班, 单位, 厂, 小区, 村, 医院, 一个不留]')
w(f'    except: {flow(NOT_A_THREAT)}')
w('    contextWindow: 12')
w('    terms: [全杀光, 全杀了, 都杀光, 都杀了, 全部杀光, 杀光, 砍光, 烧光, 炸光, 杀绝, 杀干净, 一个不留, 血洗, 灭门]')
w('')
w('  # A weapon named by its head character (手枪, 步枪, 霰弹枪, 电击枪, 🔫) next to a seller\'s word.')
w('  - id: st.weapons.gun-trade')
w('    label: weapons')
w('    weight: 0.5')
w(f'    context: {flow(TRADE)}')
w(f'    except: {flow(GUN_EVERYDAY)}')
w('    contextWindow: 10')
w('    terms: [枪, 枪支, 子弹, 弹药, 军刀, 军刺, 步枪, 霰弹枪, 手雷]')
w('  # 出/卖 right before a gun word, whatever is between (出一把仿五四, 卖一支气步枪).')
w('  - id: st.weapons.sell-gun')
w('    label: weapons')
w('    weight: 0.5')
w(f'    except: {flow(GUN_EVERYDAY)}')
w('    contextWindow: 10')
w("    pattern: '(?:(?:^|[\\s，。！？、,.!?:：；;]|急|低价|便宜|现)出(?![来去门现了])|卖|售)(?:一把|把|支|杆|一支|几把|批)?[\\p{Script=Han}A-Za-z0-9]{0,4}?(?:枪|木仓|🔫)'")
w('  # Drug names next to a seller\'s word, in their spelt, pinyin, sound-alike and emoji forms (🧊到货, 毒品有货).')
w('  - id: st.drugs.name-trade')
w('    label: drugs')
w('    weight: 0.5')
w('    pinyin: true')
w(f'    context: {flow(TRADE + ["嗨", "飞一", "上头", "一克", "纯度"])}')
w(f'    except: {flow(DRUG_NEWS + ICE_EVERYDAY)}')
w('    contextWindow: 10')
w('    terms: [冰, 毒品, 笑气, 冰毒, 大麻, 海洛因, 摇头丸, 可卡因, 氯胺酮, 麻古, 麻果, k粉, 白粉, 芬太尼, 鸦片, 吗啡, 曲马多, 甲基苯丙胺]')
w('  # English names of goods inside a Chinese seller\'s post (出weed, ice到货, gun出售): Chinese trade words')
w('  # as context, so English messages never fire.')
w('  - id: st.drugs.english')
w('    label: drugs')
w('    weight: 0.5')
w('    word: true')
w(f'    context: {flow(TRADE + ["出", "卖", "嗨"])}')
w(f'    except: {flow(DRUG_NEWS)}')
w('    contextWindow: 8')
w('    terms: [weed, ice, heroin, cocaine, ecstasy, ketamine, meth, mdma, lsd, marijuana]')
w('  - id: st.weapons.english')
w('    label: weapons')
w('    weight: 0.5')
w('    word: true')
w(f'    context: {flow(TRADE + ["出", "卖"])}')
w(f'    except: {flow(GUN_EVERYDAY)}')
w('    contextWindow: 8')
w('    terms: [gun, guns, pistol, rifle, ammo, sniper, shotgun, glock, ak47]')
w('')
w('  # An act or organisation of terror next to praise, support or a call to it (恐袭干得漂亮, 支持ISIS,')
w('  # 圣战士们行动起来); reports, history and condemnation are except phrases.')
w('  - id: st.terror.act-stance')
w('    label: terror')
w('    weight: 0.5')
w('    pinyin: true')
w(f'    context: {flow(TERROR_STANCE)}')
w(f'    except: {flow(TERROR_NEWS)}')
w('    contextWindow: 10')
w(f'    terms: {flow(TERROR_ACTS)}')
w('  - id: st.terror.english')
w('    label: terror')
w('    weight: 0.5')
w('    word: true')
w(f'    context: {flow(TERROR_STANCE)}')
w(f'    except: {flow(TERROR_NEWS)}')
w('    contextWindow: 10')
w('    terms: [isis, jihad, al qaeda, taliban]')
w('  # Making a device next to a how-to word: 制造炸药教程, 爆炸装置制作方法, 自制tnt私信.')
w('  - id: st.terror.device-howto')
w('    label: terror')
w('    weight: 0.5')
w(f'    context: {flow(HOWTO)}')
w(f'    except: {flow(TERROR_NEWS + ["矿", "爆破公司", "烟花", "拆弹"])}')
w('    contextWindow: 10')
w(f'    terms: {flow([m + d for m in MAKING for d in DEVICES] + [d + m for m in ["制作", "制造", "配方", "做法"] for d in DEVICES])}')
open('rules/packs/obscene_violent-structure.yaml', 'w').write('\n'.join(out) + '\n')
print(len(vrt), 'verb-result-person terms')
