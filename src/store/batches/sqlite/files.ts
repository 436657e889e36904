// Files on SQLite (content as a BLOB).
import type { SqliteDatabase } from '../../sqlite-database.js';
import type { GatewayFileRepository } from '../repository.js';
import { type FileRow, toFileRecord } from '../rows.js';

const columns = 'id, tenant, filename, purpose, bytes, created_at';

export function createSqliteGatewayFileRepository(db: SqliteDatabase): GatewayFileRepository {
  const insert = db.prepare(
    'INSERT INTO gateway_files (id, tenant, filename, purpose, bytes, content, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const select = db.prepare(`SELECT ${columns} FROM gateway_files WHERE tenant = ? AND id = ?`);
  const content = db.prepare('SELECT content FROM gateway_files WHERE tenant = ? AND id = ?');
  const remove = db.prepare('DELETE FROM gateway_files WHERE tenant = ? AND id = ?');
  return {
    async saveFile(file, bytes) {
      insert.run(
        file.id,
        file.tenant,
        file.filename,
        file.purpose,
        file.bytes,
        Buffer.from(bytes),
        file.createdAt,
      );
    },
    async getFile(tenant, id) {
      const row = select.get(tenant, id) as FileRow | undefined;
      return row ? toFileRecord(row) : undefined;
    },
    async getFileContent(tenant, id) {
      const row = content.get(tenant, id) as { content: Buffer } | undefined;
      return row?.content;
    },
    async listFiles(tenant, { purpose, limit = 100 } = {}) {
      const rows = (
        purpose === undefined
          ? db
              .prepare(
                `SELECT ${columns} FROM gateway_files WHERE tenant = ? ORDER BY created_at DESC, rowid DESC LIMIT ?`,
              )
              .all(tenant, limit)
          : db
              .prepare(
                `SELECT ${columns} FROM gateway_files WHERE tenant = ? AND purpose = ? ORDER BY created_at DESC, rowid DESC LIMIT ?`,
              )
              .all(tenant, purpose, limit)
      ) as FileRow[];
      return rows.map(toFileRecord);
    },
    async deleteFile(tenant, id) {
      return remove.run(tenant, id).changes > 0;
    },
  };
}
