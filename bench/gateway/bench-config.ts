// The gateway configuration every gateway benchmark uses: a two-target route to the same
// zero-delay upstream (least outstanding), key authentication, the cache stage. Extra sections
// (tracing, metrics, state) are merged in by the caller.
export function benchGateway(
  upstreamUrl: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    upstreams: { a: { baseURL: `${upstreamUrl}/v1` }, b: { baseURL: `${upstreamUrl}/v1` } },
    routes: {
      bench: {
        strategy: 'least-outstanding',
        targets: [
          { upstream: 'a', model: 'gpt-4o-mini' },
          { upstream: 'b', model: 'gpt-4o-mini' },
        ],
      },
    },
    auth: { required: true },
    cache: { enabled: true },
    ...extra,
  };
}
