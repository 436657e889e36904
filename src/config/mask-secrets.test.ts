// Issue 12, Low 6: `gantry config` must not show credentials in URLs, Cookie/X-Auth headers, MCP env
// values or any character of a masked secret; an all-digit secret in a GANTRY_* variable is a string.
import { describe, expect, it } from 'vitest';
import { GantryError } from '../errors/index.js';
import { loadConfig } from './load-config.js';
import { maskSecrets } from './mask-secrets.js';

describe('maskSecrets', () => {
  it('masks URL credentials, secret headers, env values, and shows no character of a secret', () => {
    const printed = JSON.stringify(
      maskSecrets({
        providers: {
          corp: { baseURL: 'https://user:hunter2@llm.example.com/v1', apiKey: 'sk-abcdefghijklmnop' },
        },
        tracing: { otlpEndpoint: 'https://otel.example.com/v1/traces?access_token=tok123456' },
        gateway: {
          state: { url: 'redis://:redispass@10.0.0.5:6379' },
          upstreams: { a: { headers: { Cookie: 'session=abc123', 'X-Auth': 'xauth-999' } } },
        },
        agent: {
          mcpServers: [
            { name: 'gh', command: 'x', env: { GITHUB_PAT: 'ghp_secretvalue' } },
            { name: 'web', url: 'https://mcp.example.com/sse?access_token=mcp-secret-1' },
          ],
        },
      }),
    );
    for (const secret of [
      'hunter2',
      'abcdefghijklmnop',
      'sk-',
      'tok123456',
      'redispass',
      'abc123',
      'xauth-999',
      'ghp_secretvalue',
      'mcp-secret-1',
    ]) {
      expect(printed).not.toContain(secret);
    }
    expect(printed).toContain('llm.example.com');
    expect(printed).toContain('GITHUB_PAT');
  });

  it('keeps an all-digit secret from GANTRY_* a string, and never prints one in an error', () => {
    const config = loadConfig({
      env: { GANTRY_GATEWAY__AUTH__ADMIN_KEY: '12345678901234567890' },
      cwd: '/nonexistent',
    });
    expect(config.config.gateway.auth.adminKey).toBe('12345678901234567890');
    let error: unknown;
    try {
      loadConfig({
        env: {},
        cwd: '/nonexistent',
        overrides: { gateway: { auth: { adminKey: 987654321 as unknown as string } } },
      });
    } catch (caught) {
      error = caught;
    }
    expect(GantryError.isInstance(error)).toBe(true);
    const shown = JSON.stringify({
      message: (error as Error).message,
      details: (error as GantryError).details,
    });
    expect(shown).toContain('adminKey');
    expect(shown).not.toContain('987654321');
  });
});
