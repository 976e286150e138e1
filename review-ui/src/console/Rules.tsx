import type { SessionUser } from '../types';

export function Rules(_props: { user: SessionUser }) {
  return <section>…</section>;
}
