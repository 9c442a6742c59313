import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { normalizePhoneNumber } from '../../src/infra/validation/phone-number';

describe('phone numbers: one rule, one stored form (E.164)', () => {
  it.each([
    ['13800138000', '+8613800138000'],
    ['138 0013 8000', '+8613800138000'],
    ['138-0013-8000', '+8613800138000'],
    ['+86 138 0013 8000', '+8613800138000'],
    ['+8613800138000', '+8613800138000'],
    ['0086 13800138000', '+8613800138000'],
    ['008613800138000', '+8613800138000'],
    ['0939-1234567', '+869391234567'],
    ['(0939) 123 4567', '+869391234567'],
    ['+1 415 555 2671', '+14155552671'],
    ['001 415 555 2671', '+14155552671'],
  ])('%s ⇒ %s', (written, stored) => {
    expect(normalizePhoneNumber(written)).toBe(stored);
    // The stored form reads back as itself.
    expect(normalizePhoneNumber(stored)).toBe(stored);
  });

  it.each([['call me'], ['12345'], ['138 0013 8000 ext. 12'], [''], ['++8613800138000'], ['1'.repeat(40)]])('refuses %j', (written) => {
    expect(normalizePhoneNumber(written)).toBeNull();
  });

  it('refuses what is not a string', () => {
    expect(normalizePhoneNumber(13800138000)).toBeNull();
    expect(normalizePhoneNumber(undefined)).toBeNull();
  });

  it('gives Chinese mobile numbers, on their short path, the form libphonenumber gives', () => {
    for (const prefix of ['130', '139', '150', '166', '177', '188', '199']) {
      for (const written of [`${prefix}12345678`, `+86 ${prefix} 1234 5678`, `0086-${prefix}-1234-5678`]) {
        expect(normalizePhoneNumber(written)).toBe(parsePhoneNumberFromString(written, 'CN')!.number);
      }
    }
  });
});
