/*
 * A stance rule for relabelling training data (scripts only; never on the prediction path).
 *
 * COLD's train/dev labels mark ~91% of comments that oppose discrimination as offensive. This rule picks
 * the COLD train comments that (a) contain an explicit opposing construction around a bias word
 * (反对…歧视, 不能…地域黑, 歧视…是不对的, 以偏概全, 一竿子打…) and (b) show no sign of an attack: no
 * insult or slur, no group generalisation (都是/就是/没一个…), no "but" after the opposing phrase (the
 * disclaimer-then-attack shape), no self-disclaimer (我不歧视…), no "歧视…怎么了". It is deliberately
 * conservative: a sample of 50 matches read by hand was mostly anti-bias or neutral discussion, with a
 * minority of remaining attacks (see README).
 */

const BIAS = '(?:歧视|地域黑|地图炮|偏见|刻板印象|种族主义|一竿子|以偏概全|贴标签|区别对待|污名化?|地域攻击|一概而论|仇恨)';
const NEG = '(?:反对|拒绝|抵制|停止|不要|别再|别(?!人)|不该|不应该?|不能|不可以|请勿|谈不上|杜绝|消除|反感|讨厌|不喜欢)';
const OPPOSE = new RegExp(
  `${NEG}[^，。！？,.!?]{0,6}${BIAS}|` +
    `${BIAS}[^。！？.!?]{0,10}(?:不对|是错|错误|可耻|要不得|不可取|无知|狭隘|愚蠢|可悲|过分|不公平|没道理|不合理|丢人|低级)|` +
    '一竿子打|以偏概全|一概而论|人人平等|种族平等|民族平等|男女平等|互相尊重|一视同仁',
);
const ATTACK =
  /傻逼|煞笔|sb|脑残|智障|弱智|白痴|蠢|废物|垃圾|人渣|贱|婊|畜生|杂种|狗|去死|该死|滚|黑鬼|黑皮|阿三|棒子|鬼子|蝗虫|支那|娘炮|基佬|女拳|田园|屌丝|素质(?:低|差|不行)|没一个好|都是|就是|全是|个个|低等|劣等|猴子|恶心|活该|欠|怎么了|有什么问题|不配|确实|的确|本来就|天生|自私|懒|基因|不反对|只反对/;
const BUT = /但是|但|可是|不过|然而|只是|除了|当然/;
const SELF = /我(?:不|没有?|从不|从来不|并不)[^，。！？,.!?]{0,4}(?:歧视|地域黑|地图炮|偏见)/;

/** True when the text explicitly opposes discrimination and shows no attack. */
export function opposesBias(text: string): boolean {
  const m = OPPOSE.exec(text);
  if (!m) return false;
  if (ATTACK.test(text) || SELF.test(text)) return false;
  if (BUT.test(text.slice(m.index + m[0].length))) return false;
  return true;
}
