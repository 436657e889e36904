// Per-thread CPU placement of the load generator (Linux). The generator stamps every read on its main
// thread, so a read is stamped late whenever that thread is off its core; on a pinned process the
// thread it most often waits for is one of its own: V8's platform workers (parallel scavenge,
// concurrent marking, the optimising compiler) and libuv's thread pool, which share the pinned core.
// `isolateMainThread` puts the main thread alone on one CPU and every other thread of the process on
// others, with `taskset -p` per thread id (/proc/self/task). Threads created later inherit the affinity
// of the thread that creates them (libuv's pool is created by the main thread on first use), so the
// thread pool is started first and the placement can be applied again after a warm-up run.
// Best effort by design: where it cannot place (not Linux, no taskset, a CPU outside the allowed set, a
// refused call) it places nothing it does not have to and says why in `reason`.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import os from 'node:os';

export interface ThreadPlacement {
  /** Whether the main thread and every other thread ended where asked. */
  ok: boolean;
  /** The CPU(s) the isolated thread (by default the main thread) is on, as asked. */
  mainCpus: number[];
  /** The CPUs every other thread of the process is on, as asked. */
  otherCpus: number[];
  /** The other threads placed: "tid name". */
  moved: string[];
  /** Why the placement is not (or not wholly) done; absent when ok. */
  reason?: string;
}

/**
 * CPUs a thread of this process can be placed on: the cgroup's cpuset, else the online CPUs (a narrower
 * `taskset` the process was started under does not limit it: affinity is per thread and can be widened).
 * Undefined off Linux.
 */
export function allowedCpus(): number[] | undefined {
  for (const file of ['/sys/fs/cgroup/cpuset.cpus.effective', '/sys/devices/system/cpu/online']) {
    try {
      const list = readFileSync(file, 'utf8').trim();
      if (list) return parseCpuList(list);
    } catch {
      // next source
    }
  }
  return undefined;
}

/** "0-2,5" → [0, 1, 2, 5]. Throws on anything else. */
export function parseCpuList(list: string): number[] {
  const cpus = new Set<number>();
  for (const part of list.split(',')) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!range) throw new Error(`"${list}" is not a CPU list (like 0 or 0-2,5)`);
    const from = Number(range[1]);
    const to = range[2] === undefined ? from : Number(range[2]);
    if (to < from) throw new Error(`"${list}" is not a CPU list: ${part} runs backwards`);
    for (let cpu = from; cpu <= to; cpu++) cpus.add(cpu);
  }
  return [...cpus].sort((a, b) => a - b);
}

/** The CPUs a thread of this process may run on, from /proc (undefined when it cannot be read). */
export function threadCpus(tid: number): number[] | undefined {
  try {
    const status = readFileSync(`/proc/self/task/${tid}/status`, 'utf8');
    const line = /^Cpus_allowed_list:\s*(\S+)/m.exec(status);
    return line ? parseCpuList(line[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Thread ids and names of this process (empty off Linux). */
export function processThreads(): { tid: number; name: string }[] {
  try {
    return readdirSync('/proc/self/task').map((tid) => {
      let name = '?';
      try {
        name = readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim();
      } catch {
        // the thread ended meanwhile
      }
      return { tid: Number(tid), name };
    });
  } catch {
    return [];
  }
}

function pin(tid: number, cpus: number[]): string | undefined {
  const run = spawnSync('taskset', ['-p', '-c', cpus.join(','), String(tid)], { encoding: 'utf8' });
  if (run.error) return `taskset could not be run (${run.error.message}); it is in util-linux`;
  if (run.status !== 0) return `taskset -p -c ${cpus.join(',')} ${tid} failed: ${run.stderr.trim()}`;
  return undefined;
}

/**
 * Puts this process's main thread alone on `mainCpus` and every other thread on `otherCpus` (disjoint,
 * both within the CPUs the process may use). Starts libuv's thread pool first so that its threads are
 * placed too. Safe to call again (threads created since are placed the same way).
 */
export function isolateMainThread(mainCpus: number[], otherCpus: number[]): Promise<ThreadPlacement> {
  return isolateThread(process.pid, mainCpus, otherCpus);
}

/**
 * Puts one thread of this process (`tid`: the main thread's is process.pid; the load generator's wire
 * thread reports its own) alone on `mainCpus` and every other thread on `otherCpus`.
 */
export function isolateThread(
  tid: number,
  mainCpus: number[],
  otherCpus: number[],
): Promise<ThreadPlacement> {
  return isolateThreads([{ tid, cpus: mainCpus }], otherCpus);
}

/**
 * Puts each of `alone` (threads of this process: several wire threads) on its own CPUs, which no other
 * thread shares, and every other thread on `otherCpus`. `mainCpus` in the result lists all of theirs.
 */
export async function isolateThreads(
  alone: readonly { tid: number; cpus: number[] }[],
  otherCpus: number[],
): Promise<ThreadPlacement> {
  const mainCpus = alone.flatMap((thread) => thread.cpus);
  const result: ThreadPlacement = { ok: false, mainCpus, otherCpus, moved: [] };
  if (process.platform !== 'linux')
    return { ...result, reason: `per-thread placement needs Linux (this is ${process.platform})` };
  if (alone.length === 0 || alone.some((thread) => thread.cpus.length === 0) || otherCpus.length === 0)
    return { ...result, reason: 'give at least one CPU for each isolated thread and one for the others' };
  const shared = mainCpus.filter((cpu) => otherCpus.includes(cpu));
  if (shared.length > 0)
    return {
      ...result,
      reason: `CPU ${shared.join(',')} is asked for both an isolated thread and the others: they must differ`,
    };
  const twice = mainCpus.filter((cpu, i) => mainCpus.indexOf(cpu) !== i);
  if (twice.length > 0)
    return {
      ...result,
      reason: `CPU ${twice.join(',')} is asked for two isolated threads: give each its own`,
    };
  const allowed = allowedCpus();
  if (!allowed)
    return { ...result, reason: 'cannot read the CPUs of this machine (/sys/devices/system/cpu/online)' };
  const outside = [...mainCpus, ...otherCpus].filter((cpu) => !allowed.includes(cpu));
  if (outside.length > 0)
    return {
      ...result,
      reason: `CPU ${outside.join(',')} is not one this process may use (allowed: ${allowed.join(',')}); pick others`,
    };
  await stat('.'); // starts libuv's thread pool (its threads inherit the main thread's affinity)
  for (const { tid } of alone)
    if (threadCpus(tid) === undefined)
      return { ...result, reason: `thread ${tid} is not a thread of this process` };
  const isolated = new Set(alone.map((thread) => thread.tid));
  for (const thread of processThreads()) {
    if (isolated.has(thread.tid)) continue;
    const failed = pin(thread.tid, otherCpus);
    if (failed) {
      if (threadCpus(thread.tid) === undefined) continue; // the thread ended meanwhile
      return { ...result, reason: failed };
    }
    result.moved.push(`${thread.tid} ${thread.name}`);
  }
  for (const { tid, cpus } of alone) {
    const failed = pin(tid, cpus);
    if (failed) return { ...result, reason: failed };
  }
  return { ...result, ok: true };
}

/** Undoes the placement: every thread of the process back on `cpus` (default: all it may use). */
export function placeAllThreads(cpus = allowedCpus() ?? []): string | undefined {
  for (const { tid } of processThreads()) {
    const failed = pin(tid, cpus);
    if (failed && threadCpus(tid) !== undefined) return failed;
  }
  return undefined;
}

/**
 * Puts the main thread (or thread `tid`) alone (not its helpers: `chrt -p` without `-a`) in the real-time FIFO class at
 * `priority`, so that no normal-class work on its CPU preempts it. Returns why not when refused (it
 * needs CAP_SYS_NICE). Threads the main thread creates afterwards inherit the class: place first.
 * `priority` 0 puts it back in the normal class.
 */
export function realtimeMainThread(priority: number, tid = process.pid): string | undefined {
  if (process.platform !== 'linux') return `the real-time class needs Linux (this is ${process.platform})`;
  const args = priority > 0 ? ['-f', '-p', String(priority), String(tid)] : ['-o', '-p', '0', String(tid)];
  const run = spawnSync('chrt', args, { encoding: 'utf8' });
  if (run.error) return `chrt could not be run (${run.error.message}); it is in util-linux`;
  if (run.status !== 0) return `chrt ${args.join(' ')} failed: ${run.stderr.trim()} (needs CAP_SYS_NICE)`;
  return undefined;
}

/**
 * Sets one thread's nice value (Linux: setpriority on a thread id acts on that thread alone), e.g. -10
 * for the wire thread, so that when woken it preempts other normal-class work on its CPU sooner; it stays
 * in the normal (fair) class. Lowering a nice value needs CAP_SYS_NICE (or RLIMIT_NICE); raising it never
 * does. Returns why not when it could not; undefined when the thread now has that value.
 */
export function niceThread(tid: number, nice: number): string | undefined {
  if (process.platform !== 'linux')
    return `a per-thread nice value needs Linux (this is ${process.platform})`;
  try {
    os.setPriority(tid, nice);
  } catch (error) {
    return `setpriority(${tid}, ${nice}) was refused: ${(error as Error).message} (a negative value needs CAP_SYS_NICE)`;
  }
  const now = os.getPriority(tid);
  return now === nice ? undefined : `thread ${tid} has nice ${now}, not ${nice}`;
}
