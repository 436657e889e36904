// Built-in tool hardening (issue 12, Low 9 and Low 10): SSRF blocklist gaps and IPv6 allowlist
// entries; file_read and hard links or FIFOs inside the workspace root.
import { execFileSync } from 'node:child_process';
import { linkSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { blockedAddressReason, fileReadTool, safeFetch } from '../src/tool/index.js';

const context = {
  toolCallId: 'c',
  runId: 'r',
  signal: new AbortController().signal,
} as unknown as Parameters<ReturnType<typeof fileReadTool>['execute']>[1];

describe('SSRF address policy (Low 9)', () => {
  it.each([
    '64:ff9b:1::a9fe:a9fe', // local-use NAT64 of 169.254.169.254
    '64:ff9b:1:ffff::1',
    '::ffff:0:a9fe:a9fe', // IPv4-translated metadata address
    '::ffff:0:7f00:1',
    '2002:a9fe:a9fe::1', // 6to4 embedding the metadata address
    '2002:7f00:1::',
    '2001:0:4136:e378:8000:63bf:3fff:fdd2', // Teredo
    '192.88.99.1', // 6to4 relay anycast
  ])('blocks %s', (address) => {
    expect(blockedAddressReason(address)).toBeDefined();
  });

  it('still allows public addresses', () => {
    expect(blockedAddressReason('8.8.8.8')).toBeUndefined();
    expect(blockedAddressReason('2606:4700:4700::1111')).toBeUndefined();
    expect(blockedAddressReason('2001:4860:4860::8888')).toBeUndefined();
  });

  it('matches IPv6 allowHosts entries in any spelling, with or without a port', async () => {
    for (const entry of ['::1', '[::1]', '0:0:0:0:0:0:0:1', '[::1]:9']) {
      const error = await safeFetch('http://[::1]:9/', { allowHosts: [entry], timeoutMs: 2_000 }).catch(
        (e) => e,
      );
      // Past the address policy: whatever happens next (nothing listens on port 9), it is not a block.
      expect((error as { code?: string }).code, entry).not.toBe('TOOL_URL_BLOCKED');
    }
    const blocked = await safeFetch('http://[::1]:9/', { allowHosts: ['[::1]:10'] }).catch((e) => e);
    expect((blocked as { code?: string }).code).toBe('TOOL_URL_BLOCKED');
  });
});

describe('file_read (Low 10)', () => {
  const outside = mkdtempSync(join(tmpdir(), 'gantry-outside-'));
  const root = mkdtempSync(join(tmpdir(), 'gantry-root-'));
  writeFileSync(join(outside, 'secret.txt'), 'the outside secret');
  writeFileSync(join(root, 'plain.txt'), 'inside');
  linkSync(join(outside, 'secret.txt'), join(root, 'linked.txt'));
  execFileSync('mkfifo', [join(root, 'pipe')]);
  afterAll(() => {
    rmSync(outside, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  });
  const tool = fileReadTool({ root });

  it('reads a plain file', async () => {
    expect(await tool.execute({ path: 'plain.txt' }, context)).toMatchObject({ content: 'inside' });
  });

  it('refuses a hard link to a file outside the root', async () => {
    await expect(tool.execute({ path: 'linked.txt' }, context)).rejects.toMatchObject({
      code: 'TOOL_PATH_OUTSIDE_ROOT',
    });
  });

  it('refuses a FIFO at once instead of blocking', async () => {
    await expect(tool.execute({ path: 'pipe' }, context)).rejects.toMatchObject({
      code: 'TOOL_PATH_OUTSIDE_ROOT',
    });
  }, 10_000);
});
