// A shell command: the input goes to stdin (and $GANTRY_INPUT), stdout is the output. A non-zero
// exit is a target failure; the per-example timeout kills the process.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { GantryError } from '../../errors/index.js';
import type { Target } from '../types.js';

export function shellTarget({ command, cwd }: { command: string; cwd?: string }): Target {
  return {
    name: command,
    fingerprint: shellFingerprint(command, cwd),
    run(input, context) {
      const text = typeof input === 'string' ? input : JSON.stringify(input);
      return new Promise((resolve, reject) => {
        const child = spawn(command, {
          shell: true,
          cwd,
          env: { ...process.env, GANTRY_INPUT: text, GANTRY_EXAMPLE_ID: context.example.id },
          signal: context.signal,
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk) => {
          stdout += chunk;
        });
        child.stderr.on('data', (chunk) => {
          stderr += chunk;
        });
        child.on('error', reject);
        child.on('close', (code) => {
          if (code === 0) resolve({ output: stdout.replace(/\n$/, '') });
          else {
            reject(
              new GantryError(
                'EVAL_TARGET_FAILED',
                `Command '${command}' exited with ${code}: ${stderr.slice(0, 300)}`,
                {
                  hint: 'Run the command by hand with the same input to see why.',
                  details: { exitCode: code },
                },
              ),
            );
          }
        });
        child.stdin.on('error', () => {});
        child.stdin.end(text);
      });
    },
  };
}

/** The command, plus the contents of every word of it that names a file (the script it runs). */
function shellFingerprint(command: string, cwd = process.cwd()): string {
  const hash = createHash('sha256').update(command).update(cwd);
  for (const word of command.split(/\s+/)) {
    const path = resolve(cwd, word.replace(/^['"]|['"]$/g, ''));
    if (word.length > 0 && existsSync(path) && statSync(path).isFile()) hash.update(readFileSync(path));
  }
  return hash.digest('hex');
}
