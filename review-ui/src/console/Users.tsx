import type { SessionUser } from '../types';

export function Users(_props: { user: SessionUser }) {
  return <section>…</section>;
}
