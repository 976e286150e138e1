export { applyLearned } from './apply';
export { analyse, exampleFeatures, FEATURE_VERSION, learningText, simhash, type Analysis, type ExampleFeatures } from './features';
export { groupNearDuplicates, NearDuplicateIndex, nearDuplicatesOf } from './near-duplicate-index';
export { OnlineModel } from './online-model';
export { fingerprintFromHex, fingerprintToHex, hamming, type Fingerprint } from './simhash';
export { MAX_LEARNED_SCORE, TenantLearning, type LearnedOpinion, type LearningExample, type TenantLearningOptions } from './tenant-learning';
