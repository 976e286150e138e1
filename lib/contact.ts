/** Validation of security-officer contact details (clauses 18–19). */

/** Mainland mobile numbers, optionally with +86/0086. */
const MOBILE = /^(?:\+?86[- ]?|0086[- ]?)?1[3-9]\d{9}$/;
/** Landlines: area code 0xx(x), number of 7–8 digits, optional extension. */
const LANDLINE = /^(?:\+?86[- ]?)?(?:\(0\d{2,3}\)|0\d{2,3})[- ]?\d{7,8}(?:[- ]?(?:转|ext\.?|x)?\d{1,6})?$/i;
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function isChinaPhone(value: string): boolean {
  const v = value.trim();
  return MOBILE.test(v.replace(/[ -]/g, '')) || LANDLINE.test(v);
}

export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value.trim());
}

/** Returns the first problem with an officer registration, or null. */
export function officerProblem(o: { name: string; phone: string; email: string }): { field: string; message: string } | null {
  if (!o.name.trim() || [...o.name.trim()].length > 64)
    return { field: 'name', message: '姓名不能为空且不超过 64 字 (name is required, at most 64 characters)' };
  if (!isChinaPhone(o.phone)) return { field: 'phone', message: '须为中国大陆手机或固定电话号码 (must be a mainland China mobile or landline number)' };
  if (!isEmail(o.email)) return { field: 'email', message: '电子邮件地址无效 (invalid e-mail address)' };
  return null;
}
