// vitest globalSetup: makes a session folder for one Postgres cluster shared by every test file of
// the run. The cluster starts lazily, in the first file that asks for it (test/use-postgres.ts), so a
// run without Postgres tests costs nothing; this teardown stops it and removes the folder.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { type ClusterInfo, stopPostgresCluster } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresSession: string;
  }
}

export default function setup(project: TestProject): () => Promise<void> {
  const session = mkdtempSync(join(tmpdir(), 'gantry-pg-session-'));
  project.provide('postgresSession', session);
  return async () => {
    try {
      const info = JSON.parse(readFileSync(join(session, 'server.json'), 'utf8')) as ClusterInfo;
      await stopPostgresCluster(info);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    } finally {
      rmSync(session, { recursive: true, force: true });
    }
  };
}
