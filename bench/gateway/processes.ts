// Child processes of the benchmark: start (pinned to a core with taskset), wait for their URL,
// read their CPU time and memory from /proc, stop.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface Started {
  child: ChildProcess;
  url: string;
  line: string;
  pid: number;
}

const hasTaskset = spawnSync('taskset', ['--version']).status === 0;
const ticksPerSecond = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim() || 100);

/** Starts `node <args>` pinned to `core` (a core or a taskset list, when taskset exists) and waits for "listening <url>". */
export function start(
  args: string[],
  options: { core?: number | string; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<Started> {
  const command = hasTaskset && options.core !== undefined ? 'taskset' : process.execPath;
  const argv =
    hasTaskset && options.core !== undefined ? ['-c', String(options.core), process.execPath, ...args] : args;
  const child = spawn(command, argv, {
    env: { ...process.env, ...options.env },
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`no "listening" line from ${args.join(' ')}: ${output}`)),
      60_000,
    );
    const onData = (d: Buffer) => {
      output += d.toString();
      const match = /listening (\S+)/.exec(output) ?? /(http:\/\/\S+:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve({
          child,
          url: match[1].replace(/\/$/, ''),
          // The listening line (not the first line when node flags such as --trace-opt print too).
          line: output.split('\n').find((l) => l.includes(match[0])) ?? output.split('\n')[0],
          pid: child.pid ?? 0,
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code}: ${output}`));
    });
  });
}

/** User + system CPU seconds the process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/** Resident memory in MB. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

export async function stop(started: Started | undefined): Promise<void> {
  if (!started || started.child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      started.child.kill('SIGKILL');
      resolve();
    }, 5_000);
    started.child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    started.child.kill('SIGTERM');
  });
}

/**
 * CPU nanoseconds the process's threads have run so far, the main thread apart from the others
 * (/proc/<pid>/task/<tid>/schedstat, to the nanosecond; /proc/<pid>/stat counts 10 ms ticks).
 */
export function threadNanos(pid: number): { main: number; background: number } {
  const t = { main: 0, background: 0 };
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const n = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      if (tid === String(pid)) t.main += n;
      else t.background += n;
    } catch {
      // A thread that ended between the listing and the read.
    }
  }
  return t;
}

/** CPU seconds of all the process's threads so far, to the nanosecond: what process.cpuUsage() gives inside it. */
export function cpuSecondsExact(pid: number): number {
  const { main, background } = threadNanos(pid);
  return (main + background) / 1e9;
}
