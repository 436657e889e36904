// `file_read`: reads a text file under one configured root; paths that leave the root, directly or
// through a symbolic link, are refused, and so are hard links (a hard link inside the root may be the
// same file as one outside it) and anything that is not a regular file (a FIFO would block forever).
import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { GantryError } from '../../errors/index.js';
import { defineTool } from '../tool.js';

export interface FileReadOptions {
  root: string;
  /** Bytes returned at most; longer files are cut and marked truncated. */
  maximumBytes?: number;
}

export function fileReadTool({ root, maximumBytes = 256 * 1024 }: FileReadOptions) {
  return defineTool({
    name: 'file_read',
    description: `Reads a UTF-8 text file. Paths are relative to the workspace root; at most ${maximumBytes} bytes are returned.`,
    input: z.object({ path: z.string().min(1).describe('file path relative to the workspace root') }),
    execute: async ({ path }) => {
      const file = await confinedPath(root, path);
      // O_NOFOLLOW: a link swapped in after the check is not followed; O_NONBLOCK: opening a FIFO
      // returns at once instead of waiting for a writer (no effect on regular files).
      const handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
      try {
        const stats = await handle.stat();
        if (!stats.isFile()) refuse(path, 'it is not a regular file');
        if (stats.nlink > 1)
          refuse(path, 'it is a hard link, which may be a file outside the workspace root');
        const { size } = stats;
        const buffer = Buffer.alloc(Math.min(size, maximumBytes));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        return {
          path,
          bytes: size,
          truncated: size > maximumBytes,
          content: buffer.subarray(0, bytesRead).toString('utf8'),
        };
      } finally {
        await handle.close();
      }
    },
  });
}

/** The real path of `requested` inside `root`, or a TOOL_PATH_OUTSIDE_ROOT error. */
export async function confinedPath(root: string, requested: string): Promise<string> {
  const realRoot = await realpath(resolve(root));
  if (requested.includes('\0')) refuse(requested, 'it contains a NUL byte');
  const candidate = resolve(realRoot, requested);
  if (!isInside(realRoot, candidate)) refuse(requested, 'it points outside the workspace root');
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    throw new GantryError('FILE_NOT_FOUND', `No file '${requested}' in the workspace.`, {
      hint: 'List the paths you know exist, or ask the user for the right one.',
      details: { path: requested },
    });
  }
  // Resolving links after the lexical check catches a symbolic link that leads out of the root.
  if (!isInside(realRoot, real)) refuse(requested, 'it is a link to a file outside the workspace root');
  return real;
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

function refuse(path: string, why: string): never {
  throw new GantryError('TOOL_PATH_OUTSIDE_ROOT', `Refused to read '${path}': ${why}.`, {
    hint: 'Use a path relative to the workspace root, without .. and without links that leave it.',
    details: { path },
  });
}
