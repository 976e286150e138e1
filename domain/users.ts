/**
 * Staff-account operations that the HTTP console, the CLI and first start all perform: one rule for a username and a
 * password, one way to create the account (argon2id hash, audited by the store).
 */
import { newId, nowIso } from '../lib/ids';
import { hashPassword } from '../lib/passwords';
import type { Role } from '../lib/roles';
import type { User } from '../store/rows';
import type { Actor, Store } from '../store/store';

export const USERNAME_PATTERN = /^[A-Za-z0-9_.@-]{2,64}$/;
export const USERNAME_RULE = '2–64 characters of letters, digits, _ . @ -';
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 1024;

/** Creates an enabled staff account; a taken username is a 409 `USERNAME_TAKEN` from the store. */
export async function createUser(store: Store, input: { username: string; role: Role; password: string }, actor: Actor): Promise<User> {
  return store.createUser(
    { id: newId('us'), username: input.username, role: input.role, disabled: false, settings: {}, createdAt: nowIso() },
    await hashPassword(input.password),
    actor,
  );
}
