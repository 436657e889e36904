import { describe, expect, it } from 'vitest';
import { checkImageUrl, type ImagePolicy } from './check-images.js';

const policy: ImagePolicy = {
  maximumBytes: 12,
  maximumCount: 2,
  mediaTypes: ['image/png'],
  allowHosts: ['intranet.local', 'cdn:8443'],
};

const refused = (url: string) => {
  try {
    checkImageUrl(url, policy);
    return undefined;
  } catch (error) {
    expect((error as { code: string }).code).toBe('GATEWAY_IMAGE_REJECTED');
    return (error as Error).message;
  }
};

describe('checkImageUrl', () => {
  it('accepts public http(s) URLs and small inline images of an accepted type', () => {
    expect(refused('https://example.com/cat.png')).toBeUndefined();
    expect(refused('http://93.184.216.34/cat.png')).toBeUndefined();
    expect(refused(`data:image/png;base64,${Buffer.alloc(12).toString('base64')}`)).toBeUndefined();
  });

  it('measures inline images decoded, padding included', () => {
    expect(refused(`data:image/png;base64,${Buffer.alloc(13).toString('base64')}`)).toMatch(/13 bytes/);
    expect(refused(`data:image/jpeg;base64,${Buffer.alloc(1).toString('base64')}`)).toMatch(/image\/jpeg/);
    expect(refused('data:image/png,rawbytes')).toMatch(/base64/);
  });

  it('refuses loopback, private, link-local and odd spellings of them, IPv6 included', () => {
    for (const url of [
      'http://127.0.0.1/x.png',
      'http://2130706433/x.png',
      'http://0x7f.1/x.png',
      'http://[::1]/x.png',
      'http://[::ffff:127.0.0.1]/x.png',
      'http://169.254.169.254/latest',
      'http://192.168.1.10/x.png',
      'http://[fe80::1]/x.png',
    ]) {
      expect(refused(url), url).toMatch(/SSRF policy/);
    }
  });

  it('refuses local names, credentials and other schemes, and lets allowlisted hosts through', () => {
    expect(refused('http://localhost/x.png')).toMatch(/local host name/);
    expect(refused('http://metadata.google.internal/x')).toMatch(/local host name/);
    expect(refused('http://printer/x.png')).toMatch(/local host name/);
    expect(refused('https://user:pw@example.com/x.png')).toMatch(/credentials/);
    expect(refused('ftp://example.com/x.png')).toMatch(/scheme ftp:/);
    expect(refused('not a url')).toMatch(/not a valid/);
    expect(refused('http://intranet.local/x.png')).toBeUndefined();
    expect(refused('https://cdn:8443/x.png')).toBeUndefined();
  });
});
