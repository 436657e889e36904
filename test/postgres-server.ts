// Starts a real, throw-away Postgres cluster for tests: Debian's `postgresql` binaries, `initdb` into a
// temporary folder, `pg_ctl start` on a free loopback port, trust authentication, no fsync. Postgres
// refuses to run as root, so under root the cluster runs as the `postgres` user (the folder is
// handed to it). `stop()` stops the server and removes the folder.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './redis-server.js';

/** What it takes to reach and to stop a cluster (plain data: written to a file for other processes). */
export interface ClusterInfo {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  /** The cluster's folder (removed when it stops). */
  folder: string;
  bin: string;
  uid?: number;
  gid?: number;
}

export interface PostgresServer extends ClusterInfo {
  stop(): Promise<void>;
}

/** The folder holding initdb and pg_ctl: the newest /usr/lib/postgresql/<n>/bin, else the PATH. */
export function postgresBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return join(root, versions[0], 'bin');
  }
  try {
    const initdb = execFileSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).trim();
    return initdb ? join(initdb, '..') : undefined;
  } catch {
    return undefined;
  }
}

interface RunAs {
  uid?: number;
  gid?: number;
}

function unprivilegedUser(): RunAs {
  if (process.getuid?.() !== 0) return {};
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new Error(
      "Postgres refuses to run as root and there is no `postgres` user: install Debian's postgresql package (it creates one).",
    );
  }
}

function run(command: string, args: string[], as: RunAs, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      ...as,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
    });
    let output = '';
    const collect = (data: Buffer) => {
      output += data.toString();
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} took over ${timeoutMs} ms: ${output}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${command} could not be started (apt-get install postgresql): ${error.message}`));
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${output}`));
    });
  });
}

export async function startPostgresServer(): Promise<PostgresServer> {
  const bin = postgresBinaries();
  if (!bin)
    throw new Error(
      'Postgres is not installed: apt-get install postgresql (scripts/ensure-system-packages.sh).',
    );
  const as = unprivilegedUser();
  const folder = mkdtempSync(join(tmpdir(), 'gantry-pg-'));
  if (as.uid !== undefined) chownSync(folder, as.uid, as.gid as number);
  const data = join(folder, 'data');
  const port = await freePort();
  try {
    await run(
      join(bin, 'initdb'),
      ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'],
      as,
      120_000,
    );
    // Durability is off: the cluster is thrown away. Sockets in the folder, TCP on loopback only.
    const settings = [
      `-p ${port}`,
      "-c listen_addresses='127.0.0.1'",
      `-c unix_socket_directories='${folder}'`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
      '-c shared_buffers=32MB',
    ].join(' ');
    await run(
      join(bin, 'pg_ctl'),
      ['-D', data, '-l', join(folder, 'server.log'), '-o', settings, '-w', '-t', '120', 'start'],
      as,
      130_000,
    );
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  const info: ClusterInfo = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    folder,
    bin,
    ...as,
  };
  return { ...info, stop: () => stopPostgresCluster(info) };
}

export async function stopPostgresCluster(info: ClusterInfo): Promise<void> {
  const as = { uid: info.uid, gid: info.gid };
  try {
    await run(
      join(info.bin, 'pg_ctl'),
      ['-D', join(info.folder, 'data'), '-m', 'immediate', '-w', 'stop'],
      as,
      60_000,
    );
  } finally {
    rmSync(info.folder, { recursive: true, force: true });
  }
}
