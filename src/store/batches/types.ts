// Records of the batches domain: uploaded files (batch input, output and error files) and batch jobs
// with one row per input line, so that a job interrupted by a restart resumes where it stopped.

export interface StoredFileRecord {
  /** `file-...` */
  id: string;
  tenant: string;
  filename: string;
  /** 'batch' (input), 'batch_output' (output and error files), or what the client uploaded with. */
  purpose: string;
  bytes: number;
  createdAt: number;
}

export type BatchStatus =
  | 'validating'
  | 'in_progress'
  | 'finalizing'
  | 'completed'
  | 'failed'
  | 'cancelling'
  | 'cancelled'
  | 'expired';

export interface BatchRecord {
  /** `batch_...` */
  id: string;
  tenant: string;
  /** The key that created it (its limits apply to the lines), or null when keyless. */
  keyId: string | null;
  /** '/v1/chat/completions', '/v1/completions' or '/v1/embeddings'. */
  endpoint: string;
  inputFileId: string;
  completionWindow: string;
  status: BatchStatus;
  outputFileId: string | null;
  errorFileId: string | null;
  /** Validation errors ({ code, message, line }) when the input was refused. */
  errors: { code: string; message: string; line?: number }[] | null;
  metadata: Record<string, string> | null;
  createdAt: number;
  /** Timestamps of the status changes (ms), keyed by status. */
  times: Partial<
    Record<
      'in_progress' | 'finalizing' | 'completed' | 'failed' | 'cancelling' | 'cancelled' | 'expired',
      number
    >
  >;
}

export type BatchItemStatus = 'pending' | 'succeeded' | 'failed';

export interface BatchItemRecord {
  batchId: string;
  /** The line's position in the input file (0-based). */
  line: number;
  customId: string;
  /** The line's request body (JSON text). */
  request: string;
  status: BatchItemStatus;
  /** The output or error file line (JSON text) once done. */
  result: string | null;
}

export interface BatchCounts {
  total: number;
  completed: number;
  failed: number;
}
