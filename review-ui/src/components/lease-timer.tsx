import { useEffect, useState } from 'preact/hooks';
import { formatDuration, t } from '../i18n';

/** Counts down to the lease's end; the review session's heartbeat moves `expiresAt` forward. */
export function LeaseTimer({ expiresAt }: { expiresAt: string }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = Math.max(0, (Date.parse(expiresAt) - now) / 1000);
  return (
    <span class={`lease${left < 30 ? ' lease-low' : ''}`} role="timer" aria-live="off">
      {t('leaseLeft')} {formatDuration(left)}
    </span>
  );
}
