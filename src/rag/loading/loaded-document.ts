// What a loader returns: one source (a file, a record, a URL) as sections of text with metadata
// (title, page, format). Chunkers run per section; chunks inherit the section's metadata.

export interface LoadedSection {
  text: string;
  metadata: Record<string, unknown>;
}

export interface LoadedDocument {
  /** Stable identity for incremental re-ingest: a path, `path#<record id>`, or a URL. */
  source: string;
  format: 'text' | 'markdown' | 'html' | 'pdf' | 'json';
  metadata: Record<string, unknown>;
  sections: LoadedSection[];
}
