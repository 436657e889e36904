// The gateway's 'close' listener on a response (it cancels the upstream request of a client that
// went away). Under `gantry serve` the server has a 'close' listener of its own on every response
// (its in-flight count); a second one makes Node keep the listeners in an array and copy that array
// on every emit. So a server that calls the hook from its own listener says so by setting the slot
// (to undefined) before handing the request on, and the gateway then fills the slot instead of
// adding a listener. Without the slot (the gateway mounted on another server, tests) a listener.
import type { ServerResponse } from 'node:http';

export const closeHook = Symbol('gantry.closeHook');

export type CloseHookResponse = ServerResponse & { [closeHook]?: (this: ServerResponse) => void };

/**
 * Calls `listener` with the response as `this` when the response emits 'close' (once). One per response:
 * a second call replaces the first where the server calls the slot (the gateway makes one per request).
 */
export function onResponseClose(res: ServerResponse, listener: (this: ServerResponse) => void): void {
  if (closeHook in res) (res as CloseHookResponse)[closeHook] = listener;
  else res.on('close', listener);
}
