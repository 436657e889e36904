export { loadableExtensions, loadFile } from './load-file.js';
export { type FindFilesOptions, findFiles, globToRegExp } from './load-folder.js';
export { loadJsonRecords } from './load-json-records.js';
export { loadUrl } from './load-url.js';
export type { LoadedDocument, LoadedSection } from './loaded-document.js';
