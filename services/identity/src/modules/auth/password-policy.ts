/** Input rules for accounts: email format, password strength (at least 10 characters, not a common password). */
import { fieldError, type FieldError } from '@tandem/subgraph-kit';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

// The most common passwords of at least 10 characters in public breach lists, plus obvious patterns.
const COMMON = new Set([
  '1234567890',
  '0123456789',
  '12345678910',
  '123456789a',
  'qwertyuiop',
  'qwerty1234',
  '1q2w3e4r5t',
  '1qaz2wsx3edc',
  'password12',
  'password123',
  'password1234',
  'password!1',
  'passw0rd12',
  'iloveyou12',
  'iloveyou123',
  'abcdefghij',
  'abc1234567',
  'abcd123456',
  'asdfghjkl1',
  'asdfghjkl;',
  'zxcvbnm123',
  'qwerty123456',
  '1111111111',
  '0000000000',
  '9876543210',
  'letmein123',
  'welcome123',
  'welcome1234',
  'admin12345',
  'administrator',
  'changeme123',
  'football123',
  'baseball123',
  'sunshine123',
  'princess123',
  'dragon1234',
  'monkey1234',
  'master1234',
  'trustno1234',
  'superman123',
  'starwars123',
  'whatever123',
  'qazwsxedc123',
  'q1w2e3r4t5',
  'q1w2e3r4t5y6',
  'mentoring123',
  'tandem12345',
  'passwordpassword',
]);

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export function validateEmail(email: string, field = 'email'): FieldError[] {
  const trimmed = email.trim();
  if (!trimmed) return [fieldError(field, 'REQUIRED', 'Enter an email address.')];
  if (trimmed.length > 254 || !EMAIL.test(trimmed))
    return [fieldError(field, 'INVALID_EMAIL', 'Enter a valid email address, like name@example.org.')];
  return [];
}

export function validatePassword(
  password: string,
  context: { email?: string; displayName?: string } = {},
  field = 'password',
): FieldError[] {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return [
      fieldError(field, 'TOO_SHORT', `Use at least ${MIN_PASSWORD_LENGTH} characters.`, { min: MIN_PASSWORD_LENGTH }),
    ];
  }
  if (password.length > MAX_PASSWORD_LENGTH)
    return [
      fieldError(field, 'TOO_LONG', `Use at most ${MAX_PASSWORD_LENGTH} characters.`, { max: MAX_PASSWORD_LENGTH }),
    ];
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || /^(.)\1+$/.test(password) || isSequence(lower)) {
    return [fieldError(field, 'TOO_COMMON', 'This password is too common; choose one that is harder to guess.')];
  }
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) {
    return [fieldError(field, 'CONTAINS_EMAIL', 'The password must not contain your email address.')];
  }
  return [];
}

/** Straight runs like "abcdefghijk" or "2345678901". */
function isSequence(s: string): boolean {
  for (let i = 1; i < s.length; i++) {
    const step = s.charCodeAt(i) - s.charCodeAt(i - 1);
    if (step !== 1 && !(s[i - 1] === '9' && s[i] === '0')) return false;
  }
  return true;
}

/**
 * Characters a name never needs and an impersonator loves: controls, direction overrides and isolates (which
 * make "Amara\u202Egnp.exe" read backwards), zero-width spaces, word joiners, byte-order marks, soft hyphens, tag
 * characters, and the blank fillers of Hangul and Braille. The zero-width joiner and non-joiner stay allowed
 * between two visible characters: Persian, Indic and Sinhala names and emoji sequences need them.
 */
const INVISIBLE =
  /[\p{Cc}\u00AD\u061C\u115F\u1160\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u206F\u2800\u3164\uFEFF\uFFA0\u{E0000}-\u{E007F}]|^[\u200C\u200D]|[\u200C\u200D]$|[\u200C\u200D](?=\s)|(?<=\s)[\u200C\u200D]/u;

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * A name's length as people count it: user-perceived characters (graphemes), so that a Devanagari or Vietnamese
 * name (a letter with its signs is one character, several code points) or a name in CJK Extension B (two UTF-16
 * units a character) gets the same 120 as a Latin one; 600 UTF-16 units bound what a stack of marks can store.
 */
function tooLong(name: string): boolean {
  if (name.length > 600) return true;
  let count = 0;
  for (const _ of graphemes.segment(name)) if (++count > 120) return true;
  return false;
}

export function validateDisplayName(name: string, field = 'displayName'): FieldError[] {
  const trimmed = name.trim();
  if (!trimmed) return [fieldError(field, 'REQUIRED', 'Enter your name.')];
  if (tooLong(trimmed)) return [fieldError(field, 'TOO_LONG', 'Use at most 120 characters.', { max: 120 })];
  if (INVISIBLE.test(name)) {
    return [
      fieldError(
        field,
        'INVISIBLE_CHARACTERS',
        'Use only visible letters, marks and punctuation: the name contains an invisible or direction-changing character.',
      ),
    ];
  }
  return [];
}

export function validatePhone(phone: string | null | undefined, field = 'phone'): FieldError[] {
  if (phone === null || phone === undefined || phone.trim() === '') return [];
  if (!/^\+?[0-9 ().-]{6,25}$/.test(phone.trim()))
    return [fieldError(field, 'INVALID_PHONE', 'Enter a phone number with digits, spaces, dashes or a leading +.')];
  return [];
}
