// Reading and rewriting the text of OpenAI chat / completion chunks.

interface ChunkChoice {
  delta?: { content?: string | null };
  text?: string;
  finish_reason?: string | null;
}

export interface ParsedChunk {
  choices?: ChunkChoice[];
  usage?: unknown;
}

export function chunkText(chunk: ParsedChunk): string {
  const choice = chunk.choices?.[0];
  if (!choice) return '';
  return choice.delta?.content ?? choice.text ?? '';
}

export function setChunkText(chunk: ParsedChunk, text: string): void {
  const choice = chunk.choices?.[0];
  if (!choice) return;
  if (choice.delta) choice.delta.content = text;
  else choice.text = text;
}

export function chunkFinishes(chunk: ParsedChunk): boolean {
  return typeof chunk.choices?.[0]?.finish_reason === 'string';
}
