import { describe, expect, it } from 'vitest';
import { createVault } from '../vault/index.js';
import { isIbanValid, isLuhnValid, isSsnValid } from './checksums.js';
import { piiScanner } from './pii-scanner.js';
import { phoneValidator } from './recognizers.js';

describe('PII checksums', () => {
  it('accepts Luhn-valid card numbers and rejects one-digit changes', () => {
    expect(isLuhnValid('4111 1111 1111 1111')).toBe(true);
    expect(isLuhnValid('5500-0000-0000-0004')).toBe(true);
    expect(isLuhnValid('378282246310005')).toBe(true);
    expect(isLuhnValid('4111 1111 1111 1112')).toBe(false);
    expect(isLuhnValid('0000 0000 0000 0000')).toBe(false);
    expect(isLuhnValid('1234')).toBe(false);
  });

  it('validates IBANs by mod-97 and country length', () => {
    expect(isIbanValid('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(isIbanValid('DE89370400440532013000')).toBe(true);
    expect(isIbanValid('de89 3704 0044 0532 0130 00')).toBe(true);
    expect(isIbanValid('GB82WEST12345698765433')).toBe(false);
    expect(isIbanValid('DE8937040044053201300')).toBe(false);
  });

  it('accepts SSNs in valid ranges only', () => {
    expect(isSsnValid('536-22-1234')).toBe(true);
    expect(isSsnValid('000-12-3456')).toBe(false);
    expect(isSsnValid('666-12-3456')).toBe(false);
    expect(isSsnValid('912-12-3456')).toBe(false);
    expect(isSsnValid('536-00-1234')).toBe(false);
    expect(isSsnValid('536-22-0000')).toBe(false);
    expect(isSsnValid('123-45-6789')).toBe(false);
  });
});

describe('piiScanner', () => {
  const scan = piiScanner();

  it('finds validated entities and masks them', () => {
    const text =
      'Mail jane.doe@example.com, card 4111 1111 1111 1111, IBAN GB82 WEST 1234 5698 7654 32, SSN 536-22-1234, from 192.168.10.20.';
    const result = scan(text);
    const types = result.findings.map((f) => f.type);
    expect(types).toEqual(['EMAIL_ADDRESS', 'CREDIT_CARD', 'IBAN_CODE', 'US_SSN', 'IP_ADDRESS']);
    expect(result.redacted).toBe(
      'Mail [EMAIL_ADDRESS], card [CREDIT_CARD], IBAN [IBAN_CODE], SSN [US_SSN], from [IP_ADDRESS].',
    );
    for (const f of result.findings) expect(text.slice(f.start, f.end)).toBe(f.value);
  });

  it('drops numbers that fail validation', () => {
    const result = scan(
      'card 4111 1111 1111 1112, ssn 666-12-3456, ip 999.1.1.1, iban GB82WEST12345698765433',
    );
    expect(result.findings).toEqual([]);
  });

  it('finds phone numbers with libphonenumber validation, and dates of birth only in context', () => {
    expect(scan('Call me at +44 20 7946 0958 tomorrow').findings.map((f) => f.type)).toEqual([
      'PHONE_NUMBER',
    ]);
    // A French national number is validated with FR metadata; without FR it scores by shape only.
    expect(scan('Tel. 01 42 68 53 00').findings.map((f) => f.score)).toEqual([0.95]);
    const usOnly = piiScanner({ entities: ['PHONE_NUMBER'], phoneRegions: ['US'] });
    const shapeOnly = usOnly('Tel. 01 42 68 53 00').findings;
    expect(shapeOnly).toHaveLength(1);
    expect(shapeOnly[0].score).toBeCloseTo(0.65, 10);
    expect(scan('The meeting is on 12/03/1990.').findings).toEqual([]);
    expect(scan('I was born on 12/03/1990.').findings.map((f) => f.type)).toEqual(['DATE_OF_BIRTH']);
  });

  it('judges a phone number the same on a second sight, and never takes an IPv4 address for one', () => {
    const validate = phoneValidator();
    // Valid in GB only: every region before it is tried on the first sight.
    expect(validate('020 7946 0958', 0)).toBe(0.6);
    expect(validate('020 7946 0958', 0)).toBe(0.6);
    expect(validate('000 000 0000', 0)).toBe(0.3);
    expect(validate('000 000 0000', 1)).toBe(0.3);
    expect(validate('48.90.248.226', 0)).toBe(false);
    expect(scan('Phone server at 48.90.248.226').findings.map((f) => f.type)).toEqual(['IP_ADDRESS']);
  });

  it('validates crypto addresses by their checksums', () => {
    expect(scan('send to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2 please').findings.map((f) => f.type)).toEqual([
      'CRYPTO',
    ]);
    expect(scan('send to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3 please').findings).toEqual([]);
    expect(scan('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq').findings.map((f) => f.type)).toEqual([
      'CRYPTO',
    ]);
  });

  it('tags person names and postal addresses with the shipped tagger', () => {
    const result = scan(
      'My name is Maria Kowalski and I live at 4470 Rua do Arenque 1634\n Apt. 12\n Lisbon\n Portugal 1200-195.',
    );
    expect(result.findings.some((f) => f.type === 'PERSON' && f.value?.includes('Kowalski'))).toBe(true);
    expect(result.findings.some((f) => f.type === 'STREET_ADDRESS' && f.value?.includes('Arenque'))).toBe(
      true,
    );
  });

  it('hashes stably and restores through the vault', () => {
    const hashed = piiScanner({ redact: 'hash', entities: ['EMAIL_ADDRESS'] });
    const a = hashed('a@example.com').redacted;
    expect(a).toMatch(/^\[EMAIL_ADDRESS:[0-9a-f]{8}\]$/);
    expect(hashed('a@example.com').redacted).toBe(a);
    expect(hashed('b@example.com').redacted).not.toBe(a);

    const vault = createVault();
    const vaulted = piiScanner({ redact: vault, entities: ['EMAIL_ADDRESS', 'PHONE_NUMBER'] });
    const redacted = vaulted('Write to ann@example.org or bob@example.org, or ann@example.org again.')
      .redacted!;
    expect(redacted).toBe('Write to [EMAIL_ADDRESS_1] or [EMAIL_ADDRESS_2], or [EMAIL_ADDRESS_1] again.');
    const answer = 'I will email [EMAIL_ADDRESS_2] and copy [EMAIL_ADDRESS_1].';
    expect(vault.restore(answer)).toBe('I will email bob@example.org and copy ann@example.org.');
    const stream = vault.createRestoreStream();
    const parts = ['I will email [EMAIL_', 'ADDRESS_2', '] now', '.'].map((d) => stream.push(d));
    expect(parts.join('') + stream.end()).toBe('I will email bob@example.org now.');
  });
});
