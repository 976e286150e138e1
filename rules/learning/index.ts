export { applyLearned } from './apply';
export { analyse, exampleFeatures, FEATURE_VERSION, learningText, simhash, type Analysis, type ExampleFeatures } from './features';
export { groupNearDuplicates, NearDuplicateIndex, nearDuplicatesOf } from './NearDuplicateIndex';
export { OnlineModel } from './OnlineModel';
export { fingerprintFromHex, fingerprintToHex, hamming, type Fingerprint } from './simhash';
export { MAX_LEARNED_SCORE, TenantLearning, type LearnedOpinion, type LearningExample, type TenantLearningOptions } from './TenantLearning';
