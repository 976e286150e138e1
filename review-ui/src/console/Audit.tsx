import type { SessionUser } from '../types';

export function Audit(_props: { user: SessionUser }) {
  return <section>…</section>;
}
