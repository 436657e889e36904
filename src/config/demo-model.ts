// The `demo` model: with nothing configured, `gantry serve` (and every CLI command, so that
// `--model demo` resolves) gets a gateway route `demo` on the in-process simulator in demo mode,
// so that a new user has something to talk to without a key. `"demo": true` adds it to any
// configuration; `"demo": false` turns it off.
import type { GantryConfig, GantryConfigInput } from './schema.js';

export const demoModelName = 'demo';
export const demoUpstreamName = 'demo-simulator';

/** The configuration fragment that adds the demo route (applied as loadConfig overrides). */
export const demoModelConfig: GantryConfigInput = {
  gateway: {
    upstreams: {
      [demoUpstreamName]: {
        type: 'simulator',
        simulator: { reply: 'demo', model: demoModelName, interTokenLatencyMs: 5 },
      },
    },
    routes: { [demoModelName]: { targets: [{ upstream: demoUpstreamName }] } },
  },
};

/** True when the demo model should be served: asked for, or nothing else to serve. */
export function wantsDemoModel(config: Pick<GantryConfig, 'demo' | 'models' | 'gateway'>): boolean {
  if (config.demo !== undefined) return config.demo;
  return (
    Object.keys(config.models).length === 0 &&
    Object.keys(config.gateway.routes).length === 0 &&
    Object.keys(config.gateway.upstreams).length === 0
  );
}

/** True when this configuration serves the demo route (so the start line can say it is a simulator). */
export function servesDemoModel(config: Pick<GantryConfig, 'gateway'>): boolean {
  return config.gateway.upstreams[demoUpstreamName]?.simulator.reply === 'demo';
}
