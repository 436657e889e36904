// A download's progress on stderr: one line redrawn in place on a terminal, a line every 10 % otherwise.
import type { DownloadProgress } from './download-model-file.js';

/** A progress line on stderr: redrawn in place on a terminal, every 10% otherwise. */
export function progressBar(
  name: string,
  stream: NodeJS.WriteStream = process.stderr,
): (p: DownloadProgress) => void {
  let lastDecile = -1;
  return ({ received, total }) => {
    const mb = (received / 1e6).toFixed(1);
    if (!total) return;
    const fraction = received / total;
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round(fraction * width);
      stream.write(
        `\r${name} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0)}% ${mb}/${(total / 1e6).toFixed(1)} MB`,
      );
      if (received >= total) stream.write('\n');
    } else if (Math.floor(fraction * 10) > lastDecile) {
      lastDecile = Math.floor(fraction * 10);
      stream.write(`downloading ${name}: ${lastDecile * 10}% (${mb} MB)\n`);
    }
  };
}
