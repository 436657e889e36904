// gateway.media: the image and audio endpoints passed through (/v1/images/*, /v1/audio/*): the body
// limit of uploads (audio files, images to edit); JSON bodies keep server.bodyLimitBytes.
import { z } from 'zod';

export const gatewayMediaSection = z
  .object({
    /** Largest multipart upload (an audio file to transcribe, an image to edit), in bytes. */
    maximumUploadBytes: z
      .number()
      .int()
      .positive()
      .default(25 * 1024 * 1024),
    /** Largest JSON answer read whole (images as base64, transcriptions) to take usage from. */
    maximumAnswerBytes: z
      .number()
      .int()
      .positive()
      .default(64 * 1024 * 1024),
  })
  .strict()
  .prefault({});

export type GatewayMediaConfig = z.infer<typeof gatewayMediaSection>;
