import type { SessionUser } from '../types';

export function Deliveries(_props: { user: SessionUser }) {
  return <section>…</section>;
}
