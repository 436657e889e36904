// Walks a folder for loadable files, honouring include globs and ignore files (.gitignore and
// .gantryignore at the root: one glob per line, `#` comments; directory patterns end with `/`).
import { existsSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { loadableExtensions } from './load-file.js';

export interface FindFilesOptions {
  /** Globs relative to the folder, e.g. ['docs/**\/*.md']; default: every loadable extension. */
  include?: readonly string[];
  ignore?: readonly string[];
}

export async function findFiles(root: string, options: FindFilesOptions = {}): Promise<string[]> {
  const ignore = [
    ...(options.ignore ?? []),
    ...readIgnoreFile(join(root, '.gitignore')),
    ...readIgnoreFile(join(root, '.gantryignore')),
  ];
  const ignored = ignore.map((pattern) => globToRegExp(pattern.replace(/^\//, '').replace(/\/$/, '/**')));
  const bareNames = ignore
    .filter((pattern) => !pattern.includes('/'))
    .map((pattern) => globToRegExp(pattern));
  const included = options.include?.map(globToRegExp);
  const files: string[] = [];
  const walk = async (folder: string) => {
    const entries = await readdir(folder, { withFileTypes: true });
    for (const entry of entries.sort((left, right) => left.name.localeCompare(right.name))) {
      if (entry.name === '.git' || entry.name === 'node_modules') continue;
      const path = join(folder, entry.name);
      const relativePath = relative(root, path).split(sep).join('/');
      if (bareNames.some((pattern) => pattern.test(entry.name))) continue;
      if (ignored.some((pattern) => pattern.test(relativePath) || pattern.test(`${relativePath}/`))) continue;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        if (
          included
            ? included.some((pattern) => pattern.test(relativePath))
            : loadableExtensions.includes(extname(entry.name).toLowerCase())
        ) {
          files.push(path);
        }
      }
    }
  };
  await walk(root);
  return files;
}

function readIgnoreFile(path: string): string[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('!'));
}

/** `**` crosses folders, `*` and `?` stay within one; everything else is literal. */
export function globToRegExp(glob: string): RegExp {
  let pattern = '';
  for (let index = 0; index < glob.length; index++) {
    const character = glob[index];
    if (character === '*' && glob[index + 1] === '*') {
      pattern += glob[index + 2] === '/' ? '(?:.*/)?' : '.*';
      index += glob[index + 2] === '/' ? 2 : 1;
    } else if (character === '*') pattern += '[^/]*';
    else if (character === '?') pattern += '[^/]';
    else pattern += character.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${pattern}$`);
}
