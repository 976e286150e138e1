import { LABEL_NAMES } from '../../rules/labels';
import { loadPacks, shippedPacksDir } from '../../rules/packs';

describe('sub-label names (rules/labels.ts)', () => {
  it('names every sub-label of the shipped packs in Chinese and English', () => {
    const labels = new Set(loadPacks([shippedPacksDir()]).flatMap((p) => p.rules.map((r) => r.label).filter((l): l is string => !!l)));
    expect(labels.size).toBeGreaterThan(10);
    const unnamed = [...labels].filter((l) => !LABEL_NAMES[l]?.zh || !LABEL_NAMES[l]?.en);
    expect(unnamed).toEqual([]);
  });

  it('gives Chinese names that are Chinese (not the id again)', () => {
    for (const [id, { zh }] of Object.entries(LABEL_NAMES)) {
      expect({ id, zh }).toEqual({ id, zh: expect.stringMatching(/\p{Script=Han}/u) });
    }
  });
});
