// The filter's public entry point (CONTRACT §8).
import { createFilterSync } from './filter';
import type { CreateFilterOptions, Filter } from './types';

export * from './types';
export * from './categories';
export { createFilterSync, CompiledFilter } from './filter';
export { RulePackError, loadPacks, shippedPacksDir } from './packs';
export { normalise, normaliseText } from './normalise';

/** Shipped packs plus `options.rules` folders; rejects with a RulePackError naming file, rule and reason. */
export async function createFilter(options: CreateFilterOptions = {}): Promise<Filter> {
  return createFilterSync(options);
}
