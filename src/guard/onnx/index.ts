export {
  loadOnnxClassifier,
  type OnnxClassification,
  type OnnxClassifier,
  type OnnxClassifierOptions,
} from './onnx-classifier.js';
export { type OnnxScannerOptions, onnxScanner } from './onnx-scanner.js';
export {
  type ClassifierFiles,
  type ClassifierFolderOptions,
  resolveClassifierFolder,
} from './resolve-classifier-folder.js';
export { type TinyClassifierOptions, writeTinyClassifier } from './write-tiny-classifier.js';
