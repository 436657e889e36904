// One server-sent event of a translated API: `event: <name>` and its JSON data.

export interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

export function formatSseEvent({ event, data }: SseEvent): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Writes events, waiting for the socket to drain when it is full; false once the client is gone. */
export async function writeSseEvents(
  res: import('node:http').ServerResponse,
  events: readonly SseEvent[],
): Promise<boolean> {
  if (events.length === 0) return !res.destroyed;
  let text = '';
  for (const event of events) text += formatSseEvent(event);
  if (!res.write(text)) await drained(res);
  return !res.destroyed;
}

function drained(res: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
