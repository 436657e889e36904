export { type DownloadOptions, type DownloadProgress, downloadModelFile } from './download-model-file.js';
export { hubFileUrl, hubHeaders, modelCacheDir } from './hugging-face.js';
export { progressBar } from './progress-bar.js';
