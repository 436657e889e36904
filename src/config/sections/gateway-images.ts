// gateway.images: what image inputs (chat `image_url` parts, Responses `input_image`, Anthropic image
// blocks) may carry: inline size and count limits, media types, and which URLs may be passed on.
import { z } from 'zod';

export const gatewayImagesSection = z
  .object({
    /** Largest decoded size of an inline (base64 data: URL) image, in bytes. */
    maximumBytes: z
      .number()
      .int()
      .positive()
      .default(10 * 1024 * 1024),
    /** Most images in one request. */
    maximumCount: z.number().int().positive().default(50),
    /** Media types accepted for inline images. */
    mediaTypes: z.array(z.string()).default(['image/png', 'image/jpeg', 'image/gif', 'image/webp']),
    /** Hosts whose image URLs may name private or loopback addresses (intranets, tests). */
    allowHosts: z.array(z.string()).default([]),
  })
  .strict()
  .prefault({});

export type GatewayImagesConfig = z.infer<typeof gatewayImagesSection>;
