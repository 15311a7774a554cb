// The identifier checks of doorstep's form field types, written in JS as Ajv custom formats,
// so that Ajv does the same work the form engine does for an identifier field: trimming,
// length, characters, dates and check characters. Mirrors core/src/ids (the credit code's
// table of registration authorities and entity types is left out: only its shape, division
// digits, embedded organisation code and MOD 31 check character are checked).

const MAX_INPUT_LEN = 64;

/** The value trimmed, or null when it is too long, blank or not ASCII (as ids::prepare). */
function prepare(value) {
  if (value.length > MAX_INPUT_LEN) return null;
  const s = value.trim();
  // eslint-disable-next-line no-control-regex
  if (s === '' || !/^[\x00-\x7f]*$/.test(s)) return null;
  return s;
}

/** GB/T 2260 province-level codes (with 71, 81, 82). */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64',
  '65', '71', '81', '82',
]);
const PERMITS = new Set(['810000', '820000', '830000']);
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Whether YYYYMMDD is a real date. */
function realDate(yyyymmdd) {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** GB 11643-1999 resident ID (or HK/Macau/Taiwan residence permit), as of `at` (YYYY-MM-DD). */
export function residentId(at) {
  const atDigits = at.replaceAll('-', '');
  return (value) => {
    const s = prepare(value);
    if (s === null) return false;
    let body;
    let check = null;
    if (/^\d{17}[\dXx]$/.test(s)) {
      body = s.slice(0, 17);
      check = s[17].toUpperCase();
    } else if (/^\d{15}$/.test(s)) {
      body = `${s.slice(0, 6)}19${s.slice(6)}`;
    } else {
      return false;
    }
    const address = body.slice(0, 6);
    const province = address.slice(0, 2);
    const permit = PERMITS.has(address);
    if (!permit && (!PROVINCES.has(province) || province === '81' || province === '82')) return false;
    if (permit && check === null) return false;
    const birth = body.slice(6, 14);
    if (!realDate(birth) || birth > atDigits) return false;
    if (check !== null) {
      let sum = 0;
      for (let i = 0; i < 17; i += 1) sum += (body.charCodeAt(i) - 48) * ID_WEIGHTS[i];
      if (ID_CHECK[sum % 11] !== check) return false;
    }
    return true;
  };
}

/** The digits of a phone number without separators and +, or null (as ids::phone::digits). */
function phoneDigits(s) {
  const rest = s.startsWith('+') ? s.slice(1) : s;
  if (!/^[\d ()-]*$/.test(rest)) return null;
  return rest.replace(/[ ()-]/g, '');
}

/** A mainland mobile number: 11 digits 13–19, after an optional +86 / 0086 / 86. */
export function mobile(value) {
  const s = prepare(value);
  if (s === null) return false;
  const all = phoneDigits(s);
  if (all === null) return false;
  let national = all;
  if (all.length === 15 && all.startsWith('0086')) national = all.slice(4);
  else if (all.length === 13 && all.startsWith('86')) national = all.slice(2);
  return /^1[3-9]\d{9}$/.test(national);
}

/** A landline with its area code (010, 02X + 8 digits; 03XX–09XX + 7 or 8 digits). */
export function landline(value) {
  const s = prepare(value);
  if (s === null) return false;
  let all = phoneDigits(s);
  if (all === null) return false;
  if (s.startsWith('+') || all.startsWith('0086')) {
    if (all.startsWith('0086')) all = `0${all.slice(4)}`;
    else if (all.startsWith('86')) all = `0${all.slice(2)}`;
    else return false;
  }
  return /^(?:010|02\d)[2-9]\d{7}$/.test(all) || /^0[3-9]\d{2}[2-9]\d{6,7}$/.test(all);
}

/** A mobile or a landline number. */
export function phone(value) {
  return mobile(value) || landline(value);
}

/** A postal code: six digits, zone 01–86. */
export function postalCode(value) {
  const s = prepare(value);
  if (s === null || !/^\d{6}$/.test(s)) return false;
  const zone = Number(s.slice(0, 2));
  return zone >= 1 && zone <= 86;
}

/** A bank card number: 16–19 digits (spaces and hyphens allowed), Luhn. */
export function bankCard(value) {
  const s = prepare(value);
  if (s === null || !/^[\d -]+$/.test(s)) return false;
  const digits = s.replace(/[ -]/g, '');
  if (digits.length < 16 || digits.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** The GB 11714 check character of an organisation code's first 8 characters. */
function orgCheck(body) {
  let sum = 0;
  for (let i = 0; i < 8; i += 1) {
    const c = body.charCodeAt(i);
    const v = c >= 48 && c <= 57 ? c - 48 : c - 55; // A = 10
    sum += v * ORG_WEIGHTS[i];
  }
  const r = 11 - (sum % 11);
  return r === 10 ? 'X' : r === 11 ? '0' : String(r);
}

/** A unified social credit code (GB 32100-2015): 18 characters, MOD 31, embedded org code. */
export function creditCode(value) {
  const s = prepare(value);
  if (s === null) return false;
  const code = s.toUpperCase();
  if (code.length !== 18) return false;
  let sum = 0;
  for (let i = 0; i < 18; i += 1) {
    const v = CREDIT_CHARSET.indexOf(code[i]);
    if (v < 0) return false;
    if (i < 17) sum += v * CREDIT_WEIGHTS[i];
  }
  const division = code.slice(2, 8);
  if (!/^\d{6}$/.test(division) || (division !== '100000' && !PROVINCES.has(division.slice(0, 2)))) {
    return false;
  }
  if (orgCheck(code.slice(8, 16)) !== code[16]) return false;
  return CREDIT_CHARSET[(31 - (sum % 31)) % 31] === code[17];
}

/** A date written YYYY-MM-DD (surrounding spaces allowed, as the form engine trims). */
export function date(value) {
  const s = value.trim();
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && realDate(s.replaceAll('-', ''));
}

/** One `@`, a non-empty local part, a dotted domain, no spaces. */
export function email(value) {
  const s = value.trim();
  const at = s.indexOf('@');
  if (at <= 0 || s.length > 254 || s.indexOf('@', at + 1) >= 0 || /\s/.test(s)) return false;
  const labels = s.slice(at + 1).split('.');
  return labels.length >= 2 && labels.every((l) => l !== '' && !l.startsWith('-') && !l.endsWith('-'));
}

/** Every format the generated schemas name, for `ajv.addFormat`. */
export function formats(at) {
  return {
    'resident-id': residentId(at),
    'credit-code': creditCode,
    mobile,
    phone,
    'postal-code': postalCode,
    'bank-card': bankCard,
    email,
    date,
  };
}
