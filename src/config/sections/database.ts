import { z } from 'zod';

// Where the store lives: an embedded SQLite file by default, or a Postgres server when `url` is set
// (several gateway replicas sharing one database; see docs/deployment.md).
export const databaseSection = z
  .object({
    /** SQLite file; ':memory:' for a throw-away database. Ignored when `url` is set. */
    path: z.string().min(1).default('.gantry/gantry.db'),
    /** postgres://user:password@host:5432/database chooses Postgres (GANTRY_DATABASE_URL). */
    url: z
      .string()
      .regex(/^postgres(ql)?:\/\//i, 'expected a postgres:// or postgresql:// URL')
      .optional(),
    /** Postgres only: tables live in this schema (created when missing); default public. */
    schema: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'expected a lower-case identifier')
      .optional(),
    /** Postgres only: most connections each process opens. */
    poolSize: z.number().int().min(1).max(1000).default(10),
  })
  .strict()
  .prefault({});

export type DatabaseConfig = z.infer<typeof databaseSection>;
