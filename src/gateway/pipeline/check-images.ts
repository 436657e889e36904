// Stage: image inputs in chat messages (`image_url` parts, as the translated APIs also produce them)
// within the configured limits: count, inline size and media type, and URLs the backend would fetch
// held to the same SSRF policy as the gateway's own fetches (http(s) only, no credentials, no
// loopback, private or link-local addresses unless the host is allowlisted).
import { isIP } from 'node:net';
import { GantryError } from '../../errors/index.js';
import { blockedAddressReason } from '../../tool/index.js';
import type { Stage } from './gateway-context.js';

export interface ImagePolicy {
  maximumBytes: number;
  maximumCount: number;
  mediaTypes: readonly string[];
  allowHosts: readonly string[];
}

export function checkImages(policy: ImagePolicy): Stage {
  return (context, next) => {
    // Most requests carry no image: one substring test on the text as received, no walk.
    if (context.bodyText !== undefined && !context.bodyText.includes('image_url')) return next(context);
    const messages = context.body.messages;
    if (!Array.isArray(messages)) return next(context);
    let count = 0;
    try {
      for (const message of messages as { content?: unknown }[]) {
        if (!Array.isArray(message?.content)) continue;
        for (const part of message.content as { type?: unknown; image_url?: unknown }[]) {
          if (part?.type !== 'image_url') continue;
          if (++count > policy.maximumCount) {
            throw rejected(
              `The request has more than ${policy.maximumCount} images.`,
              'Send fewer images per request.',
            );
          }
          const image = part.image_url;
          const url = typeof image === 'string' ? image : (image as { url?: unknown } | undefined)?.url;
          if (typeof url !== 'string')
            throw rejected("An 'image_url' part has no 'url'.", 'Give an https URL or a data: URL.');
          checkImageUrl(url, policy);
        }
      }
    } catch (error) {
      return Promise.reject(error);
    }
    return next(context);
  };
}

export function checkImageUrl(url: string, policy: ImagePolicy): void {
  if (url.startsWith('data:')) {
    const match = /^data:([^;,]+);base64,/.exec(url.slice(0, 200));
    if (!match)
      throw rejected(
        'An inline image must be a base64 data: URL (data:<type>;base64,...).',
        'Encode the image as base64.',
      );
    const mediaType = match[1].toLowerCase();
    if (!policy.mediaTypes.includes(mediaType)) {
      throw rejected(
        `The image type '${mediaType.slice(0, 50)}' is not accepted.`,
        `Accepted: ${policy.mediaTypes.join(', ')}.`,
      );
    }
    const encoded = url.length - match[0].length;
    const padding = url.endsWith('==') ? 2 : url.endsWith('=') ? 1 : 0;
    const bytes = Math.floor((encoded * 3) / 4) - padding;
    if (bytes > policy.maximumBytes) {
      throw rejected(
        `An inline image has ${bytes} bytes, over the limit of ${policy.maximumBytes}.`,
        'Send a smaller image, or raise gateway.images.maximumBytes.',
      );
    }
    return;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw rejected('An image URL is not a valid absolute URL.', 'Give an https URL or a data: URL.');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw rejected(`The image URL scheme ${parsed.protocol} is not allowed.`, 'Use http(s) or a data: URL.');
  }
  if (parsed.username || parsed.password)
    throw rejected('Image URLs with credentials are not allowed.', 'Remove the user:password part.');
  const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (policy.allowHosts.includes(host) || policy.allowHosts.includes(parsed.host.toLowerCase())) return;
  const reason = isIP(host)
    ? blockedAddressReason(host)?.replace(/^/, 'an address the SSRF policy blocks: ')
    : host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal') || !host.includes('.')
      ? 'a local host name'
      : undefined;
  if (reason) {
    throw rejected(
      `The image URL is not passed on: it names ${reason}.`,
      'Use a public URL or inline the image; an operator may allow the host in gateway.images.allowHosts.',
    );
  }
}

function rejected(message: string, hint: string): GantryError {
  return new GantryError('GATEWAY_IMAGE_REJECTED', message, { hint, details: { param: 'messages' } });
}
