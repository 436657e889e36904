// Files on Postgres (content as BYTEA).
import type { PostgresDatabase } from '../../postgres-database.js';
import type { GatewayFileRepository } from '../repository.js';
import { type FileRow, toFileRecord } from '../rows.js';

const columns = 'id, tenant, filename, purpose, bytes, created_at';

export function createPostgresGatewayFileRepository(db: PostgresDatabase): GatewayFileRepository {
  return {
    async saveFile(file, bytes) {
      await db.query(
        'INSERT INTO gateway_files (id, tenant, filename, purpose, bytes, content, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [file.id, file.tenant, file.filename, file.purpose, file.bytes, Buffer.from(bytes), file.createdAt],
      );
    },
    async getFile(tenant, id) {
      const [row] = await db.query<FileRow>(
        `SELECT ${columns} FROM gateway_files WHERE tenant = $1 AND id = $2`,
        [tenant, id],
      );
      return row ? toFileRecord(row) : undefined;
    },
    async getFileContent(tenant, id) {
      const [row] = await db.query<{ content: Uint8Array }>(
        'SELECT content FROM gateway_files WHERE tenant = $1 AND id = $2',
        [tenant, id],
      );
      return row ? Buffer.from(row.content) : undefined;
    },
    async listFiles(tenant, { purpose, limit = 100 } = {}) {
      const rows =
        purpose === undefined
          ? await db.query<FileRow>(
              `SELECT ${columns} FROM gateway_files WHERE tenant = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
              [tenant, limit],
            )
          : await db.query<FileRow>(
              `SELECT ${columns} FROM gateway_files WHERE tenant = $1 AND purpose = $2 ORDER BY created_at DESC, id DESC LIMIT $3`,
              [tenant, purpose, limit],
            );
      return rows.map(toFileRecord);
    },
    async deleteFile(tenant, id) {
      const rows = await db.query('DELETE FROM gateway_files WHERE tenant = $1 AND id = $2 RETURNING 1', [
        tenant,
        id,
      ]);
      return rows.length > 0;
    },
  };
}
