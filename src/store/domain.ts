// A store domain: one area's persistence (record types, repository interfaces, migrations, one
// implementation per backend, a contract suite). The Store is assembled from the list in domains.ts.
import type { Migration } from './migration.js';
import type { SqliteDatabase } from './sqlite-database.js';

/** How one backend builds a domain's repositories on an open database. */
export interface DomainBackend<Database, Repositories extends object, M> {
  /** The domain's schema changes on this backend, in its id range; applied in id order with all others. */
  readonly migrations: readonly M[];
  /** The domain's repositories on a database that every domain's migrations have been applied to. */
  create(db: Database): Repositories;
}

export interface StoreDomain<Repositories extends object, Name extends string = string> {
  /** The folder under src/store/. */
  readonly name: Name;
  /** Inclusive range of migration ids this domain owns (see migration.ts). */
  readonly migrationIds: readonly [first: number, last: number];
  readonly sqlite: DomainBackend<SqliteDatabase, Repositories, Migration>;
}

/** The repositories one domain adds to the Store. */
export type RepositoriesOf<D> = D extends StoreDomain<infer R, string> ? R : never;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;

/** The repositories of every domain in a list, as one object type (the Store's repository fields). */
export type AllRepositories<Domains extends readonly StoreDomain<object>[]> = UnionToIntersection<
  RepositoriesOf<Domains[number]>
>;

/**
 * Declares a domain. Give `sqlite.create` its return type (the domain's `<X>Repositories`): the
 * descriptor's name and repository types are inferred from it, and the Store's fields from those.
 */
export function defineStoreDomain<Repositories extends object, const Name extends string>(
  domain: StoreDomain<Repositories, Name>,
): StoreDomain<Repositories, Name> {
  return domain;
}

/**
 * Opens a fresh, empty backend holding (at least) a domain's repositories. Contract suites call it
 * before each test and close what it returns after.
 */
export type OpenRepositories<Repositories extends object> = () => Promise<
  Repositories & { close(): Promise<void> }
>;

/** A domain's contract suite: registers its tests (vitest) against one backend. */
export type DomainContract<Repositories extends object> = (
  backend: string,
  open: OpenRepositories<Repositories>,
) => void;
