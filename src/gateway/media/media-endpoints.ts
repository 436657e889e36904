// The image and audio endpoints the gateway passes through, the native API each needs an upstream to
// speak, and the shape of the body the client sends.
import type { NativeApi } from '../upstream/index.js';

export interface MediaEndpoint {
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
    { path: '/images/generations', api: 'images', body: 'json', textField: 'prompt' },
  ],
  ['/v1/images/edits', { path: '/images/edits', api: 'images', body: 'multipart', textField: 'prompt' }],
  ['/v1/images/variations', { path: '/images/variations', api: 'images', body: 'multipart' }],
  ['/v1/audio/speech', { path: '/audio/speech', api: 'audio', body: 'json', textField: 'input' }],
  ['/v1/audio/transcriptions', { path: '/audio/transcriptions', api: 'audio', body: 'multipart' }],
  ['/v1/audio/translations', { path: '/audio/translations', api: 'audio', body: 'multipart' }],
]);
