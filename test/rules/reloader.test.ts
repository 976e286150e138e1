import * as fs from 'node:fs';
import * as path from 'node:path';
import { RulesReloader, type ReloadInfo } from '../../workers/rules-reloader';
import { packDir, ruleIds } from './helpers';

const pack = (term: string, version: string): string => `category: advertising\nversion: '${version}'\nrules:\n  - id: ops.word\n    terms: [${term}]\n`;

describe('RulesReloader', () => {
  it('picks up a changed pack, refuses an invalid one and keeps the previous rules', () => {
    const dir = packDir({ 'ops.yaml': pack('苹果', '1') });
    const reloads: ReloadInfo[] = [];
    const errors: ReloadInfo[] = [];
    const r = new RulesReloader({
      dirs: [dir],
      classifier: false,
      intervalMs: 60_000,
      onReload: (_f, info) => reloads.push(info),
      onError: (_e, info) => errors.push(info),
    }).start();
    try {
      expect(ruleIds(r.current().screen({ text: '买苹果' }))).toEqual(['ops.word']);
      expect(reloads[0].rules).toMatch(/ops@1/);

      fs.writeFileSync(path.join(dir, 'ops.yaml'), pack('香蕉', '2'));
      r.poll();
      expect(ruleIds(r.current().screen({ text: '买香蕉' }))).toEqual(['ops.word']);
      expect(reloads).toHaveLength(2);
      expect(reloads[1].rules).toMatch(/ops@2/);
      expect(reloads[1].changed).toEqual([path.join(dir, 'ops.yaml')]);

      fs.writeFileSync(path.join(dir, 'ops.yaml'), 'category: advertising\nrules:\n  - id: ops.word\n    action: nuke\n    terms: [x]\n');
      r.poll();
      expect(errors).toHaveLength(1);
      expect(errors[0].error).toEqual({ file: path.join(dir, 'ops.yaml'), rule: 'ops.word', reason: expect.stringMatching(/action/) });
      expect(ruleIds(r.current().screen({ text: '买香蕉' }))).toEqual(['ops.word']);
      r.poll();
      expect(errors).toHaveLength(1);
    } finally {
      r.close();
    }
  });

  it('starts on the shipped packs when the operator folder is invalid', () => {
    const dir = packDir({ 'ops.yaml': 'category: nope\n' });
    const errors: Error[] = [];
    const r = new RulesReloader({ dirs: [dir], classifier: false, onError: (e) => errors.push(e) }).start();
    try {
      expect(errors).toHaveLength(1);
      expect(ruleIds(r.current().screen({ text: '加微信' }))).toEqual(['ads.wechat']);
    } finally {
      r.close();
    }
  });
});
