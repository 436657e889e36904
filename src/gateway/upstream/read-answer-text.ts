// Reads a whole (non-streamed or error) answer body; a body that breaks off becomes a timeout or
// connection failure, so that routing can fall back exactly as for a failed connect.
import type { Dispatcher } from 'undici';
import type { ClientAbort } from './client-abort.js';
import { answerCut } from './upstream-failure.js';

export async function readAnswerText(
  body: Dispatcher.ResponseData['body'],
  signal: ClientAbort,
  name: string,
): Promise<string> {
  try {
    return await body.text();
  } catch (error) {
    throw answerCut(error, signal, name);
  }
}
