import { GantryError } from '../../errors/index.js';

/** Runs `work` with an abort signal that fires after `timeoutMs` (or when `parent` aborts). */
export async function withTimeout<T>(
  timeoutMs: number,
  parent: AbortSignal | undefined,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(parent?.reason);
  parent?.addEventListener('abort', onParentAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new GantryError('EVAL_TIMEOUT', `The target took longer than ${timeoutMs} ms.`, {
        hint: 'Raise run.timeoutMs in the eval file, or check why the target hangs.',
        details: { timeoutMs },
      });
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    return await Promise.race([work(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
    parent?.removeEventListener('abort', onParentAbort);
  }
}
