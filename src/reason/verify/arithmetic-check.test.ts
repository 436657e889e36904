import { describe, expect, it } from 'vitest';
import { checkArithmetic } from './arithmetic-check.js';

describe('checkArithmetic', () => {
  it('checks calculator annotations and inline equations, with $ , x and %', () => {
    const text =
      'Natalia sold 48/2 = <<48/2=24>>24 clips in May.\nShe sold 5 x $3 = $15 of pens and 1,200 + 300 = 1,500 in all.\n#### 72';
    expect(checkArithmetic(text)).toEqual({ checked: 3, wrong: 0, errors: [] });
  });

  it('finds wrong results', () => {
    const result = checkArithmetic('He pays 12 * 4 = 46 dollars, then <<46+5=50>>50.');
    expect(result.checked).toBe(2);
    expect(result.wrong).toBe(2);
    expect(result.errors).toContainEqual(expect.stringContaining('12 * 4 = 46'));
  });

  it('accepts results rounded to the written precision and leaves prose alone', () => {
    expect(checkArithmetic('10 / 3 = 3.33 each').wrong).toBe(0);
    expect(checkArithmetic('There are 3 apples and 4 pears.').checked).toBe(0);
  });
});

describe('checkArithmetic on chains', () => {
  it('checks each link of "a = b = c"', () => {
    expect(checkArithmetic('(80 + 60 + 100) / 3 = 240 / 3 = 80 points').wrong).toBe(0);
    expect(checkArithmetic('$5,000 * (2.5/100) = $5,000 * 0.025 = $125').wrong).toBe(0);
    const wrong = checkArithmetic('(80 + 60 + 100) / 3 = 240 / 3 = 70 points');
    expect(wrong.wrong).toBe(1);
    expect(wrong.errors).toEqual(['240 / 3 = 70']);
  });
});
