import { useState } from 'preact/hooks';
import { lang, setLang, t } from '../i18n';
import { saveSettings } from '../session';
import { useStore } from '../store';
import type { SessionUser } from '../types';

/** Wellbeing and working preferences, stored with the user so they follow the moderator between browsers. */
export function Settings({ user }: { user: SessionUser }) {
  const current = useStore(lang);
  const [greyscale, setGreyscale] = useState(!!user.settings?.greyscale);
  const [undoSeconds, setUndoSeconds] = useState(user.settings?.undoSeconds ?? 2);
  const [message, setMessage] = useState<string | null>(null);

  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    try {
      await saveSettings({ greyscale, undoSeconds, lang: current });
      setMessage(t('saved'));
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <main class="settings">
      <h1>{t('settingsTitle')}</h1>
      <form onSubmit={save}>
        <label class="inline">
          <input type="checkbox" checked={greyscale} onChange={(e) => setGreyscale(e.currentTarget.checked)} /> {t('greyscale')}
        </label>
        <label>
          {t('undoSeconds')}
          <input
            type="number"
            min={0}
            max={15}
            value={undoSeconds}
            onInput={(e) => setUndoSeconds(Math.max(0, Math.min(15, Number(e.currentTarget.value) || 0)))}
          />
        </label>
        <label>
          {t('language')}
          <select value={current} onChange={(e) => setLang(e.currentTarget.value === 'en' ? 'en' : 'zh-CN')}>
            <option value="zh-CN">中文</option>
            <option value="en">English</option>
          </select>
        </label>
        <button type="submit" class="primary">
          {t('save')}
        </button>
        {message && <span role="status"> {message}</span>}
      </form>
    </main>
  );
}
