export { applyLearned } from './apply';
export { exampleFeatures, FEATURE_VERSION, learningText, ngramFeatures, type ExampleFeatures } from './features';
export { NearDuplicateIndex } from './NearDuplicateIndex';
export { OnlineModel } from './OnlineModel';
export { fingerprintFromHex, fingerprintToHex, hamming, simhash, type Fingerprint } from './simhash';
export { MAX_LEARNED_SCORE, TenantLearning, type LearnedOpinion, type LearningExample, type TenantLearningOptions } from './TenantLearning';
