import type { SessionUser } from '../types';

export function Tenants(_props: { user: SessionUser }) {
  return <section>…</section>;
}
