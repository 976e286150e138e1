// Checks a pattern match must pass before it counts (`validate:` in a pack). They turn "18
// digits" into "a resident ID number that could exist", which is what makes such rules usable.
import { toArabicDigits } from './numerals';

/** GB 11643-1999 check digit over the first 17 digits, plus a plausible region and birth date. */
export function isResidentId(raw: string): boolean {
  const s = raw.replace(/[^0-9xX]/g, '').toUpperCase();
  if (s.length !== 18 || !/^\d{17}[\dX]$/.test(s)) return false;
  if (!/^[1-8]/.test(s) || s.startsWith('80')) return false;
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (s.charCodeAt(i) - 48) * weights[i];
  return '10X98765432'[sum % 11] === s[17];
}

/** Luhn (ISO/IEC 7812) over 13–19 digits: bank card numbers (UnionPay 62…, Visa, Mastercard). */
export function isLuhn(raw: string): boolean {
  const s = raw.replace(/\D/g, '');
  if (s.length < 13 || s.length > 19) return false;
  if (/^(\d)\1+$/.test(s)) return false;
  let sum = 0;
  let dbl = false;
  for (let i = s.length - 1; i >= 0; i--) {
    let v = s.charCodeAt(i) - 48;
    if (dbl) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
    dbl = !dbl;
  }
  return sum % 10 === 0;
}

/** Mainland mobile: 11 digits (or Chinese numerals: 幺三八…), 1[3-9]x, optional +86 / 86 prefix. */
export function isMobile(raw: string): boolean {
  let s = toArabicDigits(raw).replace(/\D/g, '');
  if (s.length === 13 && s.startsWith('86')) s = s.slice(2);
  return /^1[3-9]\d{9}$/.test(s);
}

export const VALIDATORS: Record<string, (text: string) => boolean> = {
  id_card: isResidentId,
  luhn: isLuhn,
  mobile: isMobile,
};

export type ValidatorName = keyof typeof VALIDATORS;
