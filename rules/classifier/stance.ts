/*
 * "Talks about bias": COLD's own filter for comments about discrimination. Training down-weighted and
 * reviewed these comments (scripts/classifier); on the screening path it switches the bias-talk copy
 * of the features (features.ts biasTalkCopy).
 */
export const DISCUSSES_BIAS = /歧视|地域黑|地图炮|偏见|刻板印象|种族主义|一竿子|以偏概全|区别对待|贴标签|性别对立/;
