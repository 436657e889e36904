// The image and audio endpoints the gateway passes through, the native API each needs an upstream to
// speak, and the shape of the body the client sends.
import type { GatewayUsageEndpoint } from '../../store/index.js';
import type { Endpoint, NativeApi } from '../upstream/index.js';

/** The endpoint label of a media request (usage rows, metrics, spans, hooks): 'images.generations'... */
export type MediaEndpointName = Exclude<GatewayUsageEndpoint, Endpoint>;

export interface MediaEndpoint {
  name: MediaEndpointName;
  /** The path after the version segment, as the upstream serves it. */
  path: string;
  api: Extract<NativeApi, 'images' | 'audio'>;
  body: 'json' | 'multipart';
  /** The body field whose text is counted as input tokens when the upstream reports no usage. */
  textField?: string;
}

export const mediaEndpoints: ReadonlyMap<string, MediaEndpoint> = new Map([
  [
    '/v1/images/generations',
    {
      name: 'images.generations',
      path: '/images/generations',
      api: 'images',
      body: 'json',
      textField: 'prompt',
    },
  ],
  [
    '/v1/images/edits',
    { name: 'images.edits', path: '/images/edits', api: 'images', body: 'multipart', textField: 'prompt' },
  ],
  [
    '/v1/images/variations',
    { name: 'images.variations', path: '/images/variations', api: 'images', body: 'multipart' },
  ],
  [
    '/v1/audio/speech',
    { name: 'audio.speech', path: '/audio/speech', api: 'audio', body: 'json', textField: 'input' },
  ],
  [
    '/v1/audio/transcriptions',
    { name: 'audio.transcriptions', path: '/audio/transcriptions', api: 'audio', body: 'multipart' },
  ],
  [
    '/v1/audio/translations',
    { name: 'audio.translations', path: '/audio/translations', api: 'audio', body: 'multipart' },
  ],
]);
