export {
  decodeParts,
  encodeParts,
  SnapshotFormatError,
  type SnapshotHeader,
  type TypedArray,
} from './typed-array-parts.js';
