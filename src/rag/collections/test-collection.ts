// The shape every retrieval test collection is loaded into, whatever its file format.

export interface CollectionDocument {
  id: string;
  title?: string;
  text: string;
}

export interface CollectionQuery {
  id: string;
  text: string;
}

/** Relevance judgments: query id → document id → gain (higher is more relevant, > 0 means relevant). */
export type Qrels = Map<string, Map<string, number>>;

export interface TestCollection {
  name: string;
  documents: CollectionDocument[];
  /** Every query in the collection, judged or not. */
  queries: CollectionQuery[];
  /** The queries that have at least one relevant document: evaluate over these only. */
  judgedQueries: CollectionQuery[];
  qrels: Qrels;
  /** Choices made while loading (query renumbering, grade mapping), for reports. */
  notes: string[];
}

/** The text an index should see for a document: title and body. */
export function documentContents(document: CollectionDocument): string {
  return document.title ? `${document.title}\n${document.text}` : document.text;
}
