// A tiny text classifier in the layout of a Hugging Face ONNX export (model.onnx, tokenizer.json,
// config.json), written by the test suite so the ONNX scanner is exercised end to end without downloaded
// weights. The graph averages one embedding row per token into the logits (Gather → ReduceMean), so
// words chosen as "attack" words push the text toward the attack label. The ONNX protobuf is encoded
// here by hand: only the handful of fields the graph needs.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface TinyClassifierOptions {
  /** Labels in logit order (config.json id2label); default Prompt Guard 1's BENIGN, INJECTION, JAILBREAK. */
  labels?: string[];
  /** Words that push toward each label (index into labels); other words lean to label 0. */
  words?: Record<string, number>;
  /** Names of the graph's inputs; default input_ids and attention_mask. */
  inputs?: string[];
}

const defaultWords: Record<string, number> = {
  ignore: 1,
  previous: 1,
  instructions: 1,
  reveal: 1,
  prompt: 1,
  dan: 2,
  unrestricted: 2,
  restrictions: 2,
  pretend: 2,
  weather: 0,
  capital: 0,
  france: 0,
  recipe: 0,
  bread: 0,
};

/** Writes model.onnx, tokenizer.json, tokenizer_config.json and config.json into `dir`. */
export async function writeTinyClassifier(dir: string, options: TinyClassifierOptions = {}): Promise<void> {
  const labels = options.labels ?? ['BENIGN', 'INJECTION', 'JAILBREAK'];
  const words = options.words ?? defaultWords;
  const special = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'];
  const filler = ['what', 'is', 'the', 'of', 'a', 'all', 'you', 'are', 'now', 'and', 'me', 'how', 'to', 'in'];
  const vocabulary = [...special, ...filler, ...Object.keys(words)];
  const vocab = Object.fromEntries(vocabulary.map((token, id) => [token, id]));
  const classes = labels.length;
  const embedding = new Float32Array(vocabulary.length * classes);
  vocabulary.forEach((token, id) => {
    const label = words[token] ?? 0;
    const strength = token in words ? 16 : 1;
    embedding[id * classes + label] = strength;
  });

  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'model.onnx'),
    tinyClassifierGraph(embedding, vocabulary.length, classes, options.inputs),
  );
  await writeFile(
    join(dir, 'tokenizer.json'),
    JSON.stringify({
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: special.map((content, id) => ({
        id,
        content,
        single_word: false,
        lstrip: false,
        rstrip: false,
        normalized: false,
        special: true,
      })),
      normalizer: { type: 'Lowercase' },
      pre_tokenizer: { type: 'Whitespace' },
      post_processor: {
        type: 'TemplateProcessing',
        single: [
          { SpecialToken: { id: '[CLS]', type_id: 0 } },
          { Sequence: { id: 'A', type_id: 0 } },
          { SpecialToken: { id: '[SEP]', type_id: 0 } },
        ],
        pair: [
          { SpecialToken: { id: '[CLS]', type_id: 0 } },
          { Sequence: { id: 'A', type_id: 0 } },
          { SpecialToken: { id: '[SEP]', type_id: 0 } },
          { Sequence: { id: 'B', type_id: 1 } },
          { SpecialToken: { id: '[SEP]', type_id: 1 } },
        ],
        special_tokens: {
          '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] },
          '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] },
        },
      },
      decoder: null,
      model: { type: 'WordLevel', vocab, unk_token: '[UNK]' },
    }),
  );
  await writeFile(
    join(dir, 'tokenizer_config.json'),
    JSON.stringify({ model_max_length: 512, cls_token: '[CLS]', sep_token: '[SEP]', unk_token: '[UNK]' }),
  );
  await writeFile(
    join(dir, 'config.json'),
    JSON.stringify({
      architectures: ['TinyForSequenceClassification'],
      id2label: Object.fromEntries(labels.map((label, id) => [String(id), label])),
      label2id: Object.fromEntries(labels.map((label, id) => [label, id])),
      max_position_embeddings: 512,
    }),
  );
}

// --- ONNX protobuf (onnx.proto3), only the fields used -------------------------------------------------

const INT64 = 7;
const FLOAT = 1;
const ATTRIBUTE_INT = 2;
const ATTRIBUTE_INTS = 7;

function tinyClassifierGraph(
  embedding: Float32Array,
  vocabularySize: number,
  classes: number,
  inputs: string[] = ['input_ids', 'attention_mask'],
): Buffer {
  const tokenInput = inputs[0] ?? 'input_ids';
  const embeddingTensor = message([
    ...[vocabularySize, classes].map((dim) => varintField(1, dim)),
    varintField(2, FLOAT),
    stringField(8, 'embedding'),
    bytesField(9, Buffer.from(embedding.buffer, embedding.byteOffset, embedding.byteLength)),
  ]);
  const gather = message([
    stringField(1, 'embedding'),
    stringField(1, tokenInput),
    stringField(2, 'token_logits'),
    stringField(3, 'gather'),
    stringField(4, 'Gather'),
    bytesField(5, message([stringField(1, 'axis'), varintField(20, ATTRIBUTE_INT), varintField(3, 0)])),
  ]);
  const mean = message([
    stringField(1, 'token_logits'),
    stringField(2, 'logits'),
    stringField(3, 'mean'),
    stringField(4, 'ReduceMean'),
    bytesField(5, message([stringField(1, 'axes'), varintField(20, ATTRIBUTE_INTS), varintField(8, 1)])),
    bytesField(5, message([stringField(1, 'keepdims'), varintField(20, ATTRIBUTE_INT), varintField(3, 0)])),
  ]);
  const graph = message([
    bytesField(1, gather),
    bytesField(1, mean),
    stringField(2, 'tiny-classifier'),
    bytesField(5, embeddingTensor),
    ...inputs.map((name) => bytesField(11, valueInfo(name, INT64, ['batch', 'sequence']))),
    bytesField(12, valueInfo('logits', FLOAT, ['batch', classes])),
  ]);
  return message([
    varintField(1, 8), // ir_version
    stringField(2, 'gantry-test'),
    bytesField(7, graph),
    bytesField(8, message([stringField(1, ''), varintField(2, 13)])), // opset_import: ai.onnx 13
  ]);
}

function valueInfo(name: string, elementType: number, dims: (string | number)[]): Buffer {
  const shape = message(
    dims.map((dim) =>
      bytesField(1, message([typeof dim === 'number' ? varintField(1, dim) : stringField(2, dim)])),
    ),
  );
  const tensorType = message([varintField(1, elementType), bytesField(2, shape)]);
  return message([stringField(1, name), bytesField(2, message([bytesField(1, tensorType)]))]);
}

function message(fields: Buffer[]): Buffer {
  return Buffer.concat(fields);
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

function varintField(field: number, value: number): Buffer {
  return Buffer.concat([varint(field << 3), varint(value)]);
}

function bytesField(field: number, bytes: Buffer): Buffer {
  return Buffer.concat([varint((field << 3) | 2), varint(bytes.length), bytes]);
}

function stringField(field: number, text: string): Buffer {
  return bytesField(field, Buffer.from(text, 'utf8'));
}
