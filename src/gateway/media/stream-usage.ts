// The usage a streamed media answer reports, read from its server-sent events as they are relayed
// (a streamed transcription's `transcript.text.done` event carries `usage`), so that the usage row
// counts what the upstream billed instead of nothing. The bytes themselves pass through untouched.

/** An event longer than this is not a usage event: the partial text is dropped, not held. */
const maximumEventChars = 1024 * 1024;
const boundary = /\r?\n\r?\n/;

export class SseUsageWatcher {
  /** The last `usage` object seen in an event's data, if any. */
  usage: unknown;
  private tail = '';
  private readonly decoder = new TextDecoder();

  feed(chunk: Uint8Array): void {
    this.tail += this.decoder.decode(chunk, { stream: true });
    for (let match = boundary.exec(this.tail); match; match = boundary.exec(this.tail)) {
      this.event(this.tail.slice(0, match.index));
      this.tail = this.tail.slice(match.index + match[0].length);
    }
    if (this.tail.length > maximumEventChars) this.tail = '';
  }

  /** The stream ended: a last event without its blank line still counts. */
  end(): void {
    this.tail += this.decoder.decode();
    if (this.tail) this.event(this.tail);
    this.tail = '';
  }

  private event(text: string): void {
    if (!text.includes('"usage"')) return;
    const data = text
      .split(/\r?\n/)
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(line.startsWith('data: ') ? 6 : 5))
      .join('\n');
    try {
      const usage = (JSON.parse(data) as { usage?: unknown } | null)?.usage;
      if (usage && typeof usage === 'object') this.usage = usage;
    } catch {
      // Not JSON: not a usage event.
    }
  }
}
