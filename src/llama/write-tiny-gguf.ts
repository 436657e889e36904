// Writes a tiny llama-architecture GGUF with random weights: a SentencePiece-style vocabulary (control
// tokens, the 256 byte tokens, printable ASCII), one or two transformer blocks and a ChatML template.
// Tests load it with node-llama-cpp without downloading weights; its text is gibberish, but grammars
// still constrain its shape. Layout per the GGUF v3 spec (ggml/docs/gguf.md).
import { writeFile } from 'node:fs/promises';

export interface TinyGgufOptions {
  /** Hidden size (a multiple of headCount). */
  embeddingLength?: number;
  blockCount?: number;
  headCount?: number;
  feedForwardLength?: number;
  contextLength?: number;
  /** Seed of the weights, so the same options write the same bytes. */
  seed?: number;
  name?: string;
}

const alignment = 32;
const chatTemplate =
  "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

/** The vocabulary: [text, score, type] (type 1 normal, 2 unknown, 3 control, 6 byte). */
export function tinyVocabulary(): { tokens: string[]; scores: number[]; types: number[] } {
  const tokens = ['<unk>', '<s>', '</s>', '<|im_start|>', '<|im_end|>'];
  const types = [2, 3, 3, 3, 3];
  for (let b = 0; b < 256; b++) {
    tokens.push(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(6);
  }
  tokens.push('\u2581');
  types.push(1);
  for (let c = 33; c < 127; c++) {
    tokens.push(String.fromCharCode(c));
    types.push(1);
  }
  return { tokens, scores: tokens.map((_, i) => -i), types };
}

/** The GGUF bytes. */
export function tinyGguf(options: TinyGgufOptions = {}): Buffer {
  const {
    embeddingLength = 64,
    blockCount = 1,
    headCount = 4,
    feedForwardLength = 128,
    contextLength = 512,
    seed = 1,
    name = 'gantry-tiny-random',
  } = options;
  const vocabulary = tinyVocabulary();
  const vocabularySize = vocabulary.tokens.length;
  const w = new Writer();
  const metadata: [string, (w: Writer) => void][] = [
    ['general.architecture', (x) => x.string('llama')],
    ['general.name', (x) => x.string(name)],
    ['general.alignment', (x) => x.u32(alignment)],
    ['llama.context_length', (x) => x.u32(contextLength)],
    ['llama.embedding_length', (x) => x.u32(embeddingLength)],
    ['llama.block_count', (x) => x.u32(blockCount)],
    ['llama.feed_forward_length', (x) => x.u32(feedForwardLength)],
    ['llama.attention.head_count', (x) => x.u32(headCount)],
    ['llama.attention.head_count_kv', (x) => x.u32(headCount)],
    ['llama.rope.dimension_count', (x) => x.u32(embeddingLength / headCount)],
    ['llama.attention.layer_norm_rms_epsilon', (x) => x.f32(1e-5)],
    ['llama.vocab_size', (x) => x.u32(vocabularySize)],
    ['tokenizer.ggml.model', (x) => x.string('llama')],
    ['tokenizer.ggml.tokens', (x) => x.stringArray(vocabulary.tokens)],
    ['tokenizer.ggml.scores', (x) => x.f32Array(vocabulary.scores)],
    ['tokenizer.ggml.token_type', (x) => x.i32Array(vocabulary.types)],
    ['tokenizer.ggml.unknown_token_id', (x) => x.u32(0)],
    ['tokenizer.ggml.bos_token_id', (x) => x.u32(1)],
    ['tokenizer.ggml.eos_token_id', (x) => x.u32(4)],
    ['tokenizer.ggml.add_bos_token', (x) => x.bool(true)],
    ['tokenizer.chat_template', (x) => x.string(chatTemplate)],
  ];
  const e = embeddingLength;
  const tensors: { name: string; dims: number[] }[] = [
    { name: 'token_embd.weight', dims: [e, vocabularySize] },
    { name: 'output_norm.weight', dims: [e] },
  ];
  for (let b = 0; b < blockCount; b++) {
    tensors.push(
      { name: `blk.${b}.attn_norm.weight`, dims: [e] },
      { name: `blk.${b}.attn_q.weight`, dims: [e, e] },
      { name: `blk.${b}.attn_k.weight`, dims: [e, e] },
      { name: `blk.${b}.attn_v.weight`, dims: [e, e] },
      { name: `blk.${b}.attn_output.weight`, dims: [e, e] },
      { name: `blk.${b}.ffn_norm.weight`, dims: [e] },
      { name: `blk.${b}.ffn_gate.weight`, dims: [e, feedForwardLength] },
      { name: `blk.${b}.ffn_up.weight`, dims: [e, feedForwardLength] },
      { name: `blk.${b}.ffn_down.weight`, dims: [feedForwardLength, e] },
    );
  }

  w.raw(Buffer.from('GGUF', 'latin1'));
  w.u32Plain(3);
  w.u64(tensors.length);
  w.u64(metadata.length);
  for (const [key, write] of metadata) {
    w.stringBody(key);
    write(w);
  }
  let offset = 0;
  const sizes: number[] = [];
  for (const tensor of tensors) {
    w.stringBody(tensor.name);
    w.u32Plain(tensor.dims.length);
    for (const d of tensor.dims) w.u64(d);
    w.u32Plain(0); // GGML_TYPE_F32
    w.u64(offset);
    const bytes = tensor.dims.reduce((a, b) => a * b, 1) * 4;
    sizes.push(bytes);
    offset += align(bytes);
  }
  w.pad();
  let state = seed >>> 0 || 1;
  const random = () => {
    // xorshift32: deterministic, no dependency.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
  tensors.forEach((tensor, index) => {
    const values = new Float32Array(sizes[index] / 4);
    const isNorm = tensor.dims.length === 1;
    for (let i = 0; i < values.length; i++) values[i] = isNorm ? 1 : (random() * 2 - 1) * 0.2;
    w.raw(Buffer.from(values.buffer));
    w.pad();
  });
  return w.done();
}

/** Writes the tiny GGUF to a file and returns its size in bytes. */
export async function writeTinyGguf(path: string, options: TinyGgufOptions = {}): Promise<number> {
  const bytes = tinyGguf(options);
  await writeFile(path, bytes);
  return bytes.length;
}

function align(n: number): number {
  return Math.ceil(n / alignment) * alignment;
}

class Writer {
  private readonly parts: Buffer[] = [];
  private length = 0;
  raw(b: Buffer) {
    this.parts.push(b);
    this.length += b.length;
  }
  pad() {
    const extra = align(this.length) - this.length;
    if (extra > 0) this.raw(Buffer.alloc(extra));
  }
  private scalar(size: number, put: (b: Buffer) => void) {
    const b = Buffer.alloc(size);
    put(b);
    this.raw(b);
  }
  private type(t: number) {
    this.scalar(4, (b) => b.writeUInt32LE(t));
  }
  u32(v: number) {
    this.type(4);
    this.scalar(4, (b) => b.writeUInt32LE(v));
  }
  u32Plain(v: number) {
    this.scalar(4, (b) => b.writeUInt32LE(v));
  }
  u64(v: number) {
    this.scalar(8, (b) => b.writeBigUInt64LE(BigInt(v)));
  }
  f32(v: number) {
    this.type(6);
    this.scalar(4, (b) => b.writeFloatLE(v));
  }
  bool(v: boolean) {
    this.type(7);
    this.scalar(1, (b) => b.writeUInt8(v ? 1 : 0));
  }
  stringBody(s: string) {
    const bytes = Buffer.from(s, 'utf8');
    this.u64(bytes.length);
    this.raw(bytes);
  }
  string(s: string) {
    this.type(8);
    this.stringBody(s);
  }
  private arrayHeader(elementType: number, count: number) {
    this.type(9);
    this.u32Plain(elementType);
    this.u64(count);
  }
  stringArray(values: string[]) {
    this.arrayHeader(8, values.length);
    for (const v of values) this.stringBody(v);
  }
  f32Array(values: number[]) {
    this.arrayHeader(6, values.length);
    for (const v of values) this.scalar(4, (b) => b.writeFloatLE(v));
  }
  i32Array(values: number[]) {
    this.arrayHeader(5, values.length);
    for (const v of values) this.scalar(4, (b) => b.writeInt32LE(v));
  }
  done(): Buffer {
    return Buffer.concat(this.parts, this.length);
  }
}
