export {
  type AppliedMigration,
  appliedMigrations,
  type CopyableStore,
  type CopyReport,
  copyStore,
  describeStore,
  type TableReport,
} from './copy-store.js';
