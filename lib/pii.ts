/**
 * Personal data (clause 14) for roles that do not need it: enough left to tell records apart, not to identify
 * anyone. Roles that may see it unmasked are `PII_ROLES` (lib/roles.ts); every unmasked view is audited (`pii.view`).
 */
import { PII_ROLES, type Role } from './roles';

export function canSeePersonalData(role: Role): boolean {
  return (PII_ROLES as readonly Role[]).includes(role);
}

/** `203.0.113.9` → `203.0.113.*`; `2001:db8:1:2::5` → `2001:db8:1:*`. */
export function maskIp(ip: string | null | undefined): string | null {
  if (!ip) return ip ?? null;
  const v4 = /^(?:::ffff:)?(\d{1,3}\.\d{1,3}\.\d{1,3})\.\d{1,3}$/i.exec(ip);
  if (v4) return `${v4[1]}.*`;
  if (ip.includes(':')) {
    const groups = ip.split(':').filter(Boolean).slice(0, 3);
    return `${groups.join(':')}:*`;
  }
  return '*';
}

/** `13800138000` → `138****8000`; `010-12345678` → `010-****5678`; keeps a +86 prefix. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  const digits = phone.replace(/\D/g, '');
  const mobile = /^(?:86)?(1\d{2})\d{4}(\d{4})$/.exec(digits);
  if (mobile) return `${phone.trim().startsWith('+') ? '+86 ' : ''}${mobile[1]}****${mobile[2]}`;
  const landline = /^(?:\+?86[- ]?)?\(?(0\d{2,3})\)?[- ]?(\d{7,8})/.exec(phone.trim());
  if (landline) return `${landline[1]}-****${landline[2].slice(-4)}`;
  return digits.length > 4 ? `****${digits.slice(-4)}` : '****';
}

/** `officer@example.cn` → `o***@example.cn`. */
export function maskEmail(email: string | null | undefined): string | null {
  if (!email) return email ?? null;
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** `张三丰` → `张**`. */
export function maskName(name: string | null | undefined): string | null {
  if (!name) return name ?? null;
  const chars = [...name.trim()];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 3))}`;
}
