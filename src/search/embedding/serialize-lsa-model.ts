// An LSA model as one Buffer (stored with its collection): a JSON header, then the float arrays.
import type { LsaModel } from './lsa-model.js';

export function serializeLsaModel(model: LsaModel): Buffer {
  const header = Buffer.from(
    JSON.stringify({ dimension: model.dimension, terms: [...model.vocabulary.keys()] }),
  );
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  return Buffer.concat([
    length,
    header,
    Buffer.from(model.idf.buffer, model.idf.byteOffset, model.idf.byteLength),
    Buffer.from(model.projection.buffer, model.projection.byteOffset, model.projection.byteLength),
  ]);
}

export function deserializeLsaModel(buffer: Buffer): LsaModel {
  const headerLength = buffer.readUInt32LE(0);
  const header = JSON.parse(buffer.subarray(4, 4 + headerLength).toString('utf8')) as {
    dimension: number;
    terms: string[];
  };
  const termCount = header.terms.length;
  // Copy into fresh arrays: the Buffer's offset need not be 4-byte aligned.
  const floats = new Float32Array(
    buffer.buffer.slice(buffer.byteOffset + 4 + headerLength, buffer.byteOffset + buffer.length),
  );
  return {
    dimension: header.dimension,
    vocabulary: new Map(header.terms.map((term, index) => [term, index])),
    idf: floats.slice(0, termCount),
    projection: floats.slice(termCount, termCount + termCount * header.dimension),
  };
}
