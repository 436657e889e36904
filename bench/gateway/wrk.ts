// Runs wrk (Debian package) with post.lua and returns its JSON summary plus the CPU time a given
// process spent during the run.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cpuSeconds } from './processes.js';

export interface LoadResult {
  label: string;
  connections: number;
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  errors: number;
  /** Latencies in ms. */
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  /** CPU µs per request of the measured process (undefined when none given). */
  cpuMicrosPerRequest: number | undefined;
}

const script = fileURLToPath(new URL('./post.lua', import.meta.url));
export const hasWrk = spawnSync('wrk', ['--version']).error === undefined;

export async function runWrk(options: {
  label: string;
  url: string;
  connections: number;
  seconds: number;
  env?: NodeJS.ProcessEnv;
  measuredPid?: number;
  /** A core or a taskset list for wrk. */
  core?: number | string;
  /** wrk threads (default 1). */
  threads?: number;
}): Promise<LoadResult> {
  const { label, url, connections, seconds, env = {}, measuredPid, core, threads = 1 } = options;
  const args = [
    '-t',
    String(threads),
    '-c',
    String(connections),
    '-d',
    `${seconds}s`,
    '-s',
    script,
    `${url}/v1/chat/completions`,
  ];
  const command = core === undefined ? 'wrk' : 'taskset';
  const argv = core === undefined ? args : ['-c', String(core), 'wrk', ...args];
  const cpuBefore = measuredPid ? cpuSeconds(measuredPid) : 0;
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(command, argv, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (d: Buffer) => {
      text += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      text += d.toString();
    });
    child.on('exit', () => resolve(text));
    child.on('error', reject);
  });
  const cpuAfter = measuredPid ? cpuSeconds(measuredPid) : 0;
  const line = /JSON (\{.*\})/.exec(output);
  if (!line) throw new Error(`wrk printed no summary:\n${output}`);
  const s = JSON.parse(line[1]) as {
    requests: number;
    durationUs: number;
    errors: number;
    p50: number;
    p90: number;
    p99: number;
    p999: number;
  };
  const secondsRun = s.durationUs / 1e6;
  return {
    label,
    connections,
    requests: s.requests,
    seconds: secondsRun,
    requestsPerSecond: s.requests / secondsRun,
    errors: s.errors,
    p50: s.p50 / 1000,
    p90: s.p90 / 1000,
    p99: s.p99 / 1000,
    p999: s.p999 / 1000,
    cpuMicrosPerRequest:
      measuredPid && s.requests > 0 ? ((cpuAfter - cpuBefore) * 1e6) / s.requests : undefined,
  };
}
