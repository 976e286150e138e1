/**
 * A shop promotion a spammer posts again and again, varied only in ways normalisation folds away: full-width
 * letters, spacing, punctuation. Every variant is a near-duplicate of every other.
 */
export const promo = (n: number): string =>
  `本店新品上市 全场五折优惠${'！'.repeat(n % 7)}扫码进群领取优惠券 活动${n % 2 ? 'ＶＩＰ' : 'vip'}专享${' '.repeat(n % 3)}欢迎光临选购`;
