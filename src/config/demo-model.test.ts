import { describe, expect, it } from 'vitest';
import { demoModelConfig, servesDemoModel, wantsDemoModel } from './demo-model.js';
import { parseConfig } from './load-config.js';

describe('the demo model', () => {
  it('is served when nothing is configured, and only then unless asked', () => {
    expect(wantsDemoModel(parseConfig({}))).toBe(true);
    const withModels = parseConfig({ models: { llama: { model: 'ollama:llama3.2' } } });
    expect(wantsDemoModel(withModels)).toBe(false);
    expect(wantsDemoModel(parseConfig({ models: withModels.models, demo: true }))).toBe(true);
    expect(wantsDemoModel(parseConfig({ demo: false }))).toBe(false);
    const upstreamOnly = { gateway: { upstreams: { u: { baseURL: 'http://127.0.0.1:1/v1' } } } };
    expect(wantsDemoModel(parseConfig(upstreamOnly))).toBe(false);
  });

  it('is a gateway route on the in-process simulator in demo mode', () => {
    const config = parseConfig(demoModelConfig);
    expect(servesDemoModel(config)).toBe(true);
    expect(config.gateway.routes.demo.targets[0].upstream).toBe('demo-simulator');
    expect(config.gateway.upstreams['demo-simulator']).toMatchObject({
      type: 'simulator',
      simulator: { reply: 'demo' },
    });
    expect(servesDemoModel(parseConfig({}))).toBe(false);
  });
});
