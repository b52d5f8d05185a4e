import { describe, expect, it } from 'vitest';
import { checkIdNumber, idCheckCharacter } from './rules.ts';

describe('resident ID numbers (GB 11643)', () => {
  it.each(['11010519491231002X', '440524188001010014', '34052419800101001X'])(
    'accepts %s from the standard',
    (id) => {
      expect(checkIdNumber(id).ok).toBe(true);
    },
  );

  it('rejects a wrong check digit and says which was expected', () => {
    expect(checkIdNumber('110105194912310021')).toEqual({
      ok: false,
      reason: 'check digit is 1, expected X',
      code: 'id_check_digit',
      params: { found: '1', expected: 'X' },
    });
  });

  it('rejects impossible birth dates, wrong length and letters', () => {
    expect(checkIdNumber('110105194902300019').ok).toBe(false);
    expect(checkIdNumber('11010519491231002').ok).toBe(false);
    expect(checkIdNumber('11010519491231002x').ok).toBe(false);
  });

  it('reads birth date and sex from the number', () => {
    expect(checkIdNumber('440524188001010014')).toEqual({ ok: true, birthDate: '1880-01-01', sex: 'M' });
    expect(checkIdNumber('11010519491231002X')).toEqual({ ok: true, birthDate: '1949-12-31', sex: 'F' });
  });

  it('computes the check character of the standard examples', () => {
    expect(idCheckCharacter('34052419800101001')).toBe('X');
  });
});
