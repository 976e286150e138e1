import { ConfigError, loadConfig } from '../../lib/config';

describe('SHENHE_LEARNING', () => {
  it('is on by default, refreshing every 30 s', () => {
    expect(loadConfig({})).toMatchObject({ learning: true, learningRefreshMs: 30_000 });
  });

  it('turns learning off with false', () => {
    expect(loadConfig({ SHENHE_LEARNING: 'false' }).learning).toBe(false);
  });

  it('refuses a value that is not a boolean, and a refresh slower than 30 s', () => {
    expect(() => loadConfig({ SHENHE_LEARNING: 'sometimes' })).toThrow(ConfigError);
    expect(() => loadConfig({ SHENHE_LEARNING_REFRESH_MS: '60000' })).toThrow(/SHENHE_LEARNING_REFRESH_MS/);
  });
});
