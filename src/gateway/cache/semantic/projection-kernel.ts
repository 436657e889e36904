// The LSH projections of a sparse vector as a tiny WebAssembly SIMD function (two doubles per
// instruction, no bounds checks): about 3x faster than the JavaScript loop, which remains the
// fallback where WebAssembly SIMD is missing. Every projection is the same double, to the bit, as the
// JavaScript loop's: each lane adds the same products in the same order (coordinate by coordinate,
// four per pass), and WebAssembly neither fuses a multiply with an add nor reorders additions.
//
// project(rows, values, size, out, bytes): for i in 0..size, for each projection p (two at a time),
// out[p] += values[i] * planes[rows[i] + p], where rows[i] is the byte address of coordinate i's
// row of planes, values[i] a double, `out` holds bytes / 8 doubles (bytes a non-zero multiple of 16).
// The module below is written out by hand from this listing (the WebAssembly binary format, with
// the SIMD proposal's opcodes); projection-kernel.test.ts checks it against the JavaScript loop.

/** Local indexes: the five parameters, then the locals. */
const rows = 0;
const values = 1;
const size = 2;
const out = 3;
const bytes = 4;
const i = 5;
const p = 6;
const r = [7, 8, 9, 10];
const v = [11, 12, 13, 14];

const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (depth: number) => [0x0c, depth],
  brIf: (depth: number) => [0x0d, depth],
  get: (local: number) => [0x20, local],
  set: (local: number) => [0x21, local],
  tee: (local: number) => [0x22, local],
  i32: (value: number) => [0x41, value], // values below 64 only (one signed LEB128 byte)
  i32Load: (offset: number) => [0x28, 2, offset],
  f64Load: (offset: number) => [0x2b, 3, offset],
  i32Add: [0x6a],
  i32Shl: [0x74],
  i32LtU: [0x49],
  i32GtU: [0x4b],
  i32GeU: [0x4f],
  v128Load: [0xfd, 0x00, 3, 0],
  v128Store: [0xfd, 0x0b, 3, 0],
  f64x2Splat: [0xfd, 0x14],
  f64x2Add: [0xfd, 0xf0, 0x01],
  f64x2Mul: [0xfd, 0xf2, 0x01],
};

/** Loads coordinate `i + k`'s row address into r[slot] and its value, splatted, into v[slot]. */
function loadCoordinate(slot: number, k: number): number[] {
  return [
    ...op.get(rows),
    ...op.get(i),
    ...op.i32(2),
    ...op.i32Shl,
    ...op.i32Add,
    ...op.i32Load(4 * k),
    ...op.set(r[slot]),
    ...op.get(values),
    ...op.get(i),
    ...op.i32(3),
    ...op.i32Shl,
    ...op.i32Add,
    ...op.f64Load(8 * k),
    ...op.f64x2Splat,
    ...op.set(v[slot]),
  ];
}

/** out[p..p+1] += v[0] * row0[p..p+1] (+ v[1] * row1 ...), for p over all projections. */
function accumulate(slots: number): number[] {
  const body = [...op.get(out), ...op.get(p), ...op.i32Add, ...op.get(out), ...op.get(p), ...op.i32Add];
  body.push(...op.v128Load);
  for (let slot = 0; slot < slots; slot++)
    body.push(
      ...op.get(v[slot]),
      ...op.get(r[slot]),
      ...op.get(p),
      ...op.i32Add,
      ...op.v128Load,
      ...op.f64x2Mul,
      ...op.f64x2Add,
    );
  body.push(...op.v128Store);
  return [
    ...op.i32(0),
    ...op.set(p),
    ...op.loop,
    ...body,
    ...op.get(p),
    ...op.i32(16),
    ...op.i32Add,
    ...op.tee(p),
    ...op.get(bytes),
    ...op.i32LtU,
    ...op.brIf(0),
    ...op.end,
  ];
}

function body(): number[] {
  const code = [
    // Locals: six i32 (i, p, r0..r3), four v128 (v0..v3).
    2,
    6,
    0x7f,
    4,
    0x7b,
    ...op.i32(0),
    ...op.set(i),
    // Four coordinates per pass while four remain.
    ...op.block,
    ...op.loop,
    ...op.get(i),
    ...op.i32(4),
    ...op.i32Add,
    ...op.get(size),
    ...op.i32GtU,
    ...op.brIf(1),
    ...[0, 1, 2, 3].flatMap((slot) => loadCoordinate(slot, slot)),
    ...accumulate(4),
    ...op.get(i),
    ...op.i32(4),
    ...op.i32Add,
    ...op.set(i),
    ...op.br(0),
    ...op.end,
    ...op.end,
    // Then one at a time.
    ...op.block,
    ...op.loop,
    ...op.get(i),
    ...op.get(size),
    ...op.i32GeU,
    ...op.brIf(1),
    ...loadCoordinate(0, 0),
    ...accumulate(1),
    ...op.get(i),
    ...op.i32(1),
    ...op.i32Add,
    ...op.set(i),
    ...op.br(0),
    ...op.end,
    ...op.end,
    ...op.end,
  ];
  return [...unsigned(code.length), ...code];
}

function unsigned(value: number): number[] {
  const encoded: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    encoded.push(byte);
  } while (value !== 0);
  return encoded;
}

function section(id: number, content: number[]): number[] {
  return [id, ...unsigned(content.length), ...content];
}

const name = (text: string) => [text.length, ...Array.from(text, (c) => c.charCodeAt(0))];

function moduleBytes(): Uint8Array {
  const code = body();
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 5, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0]), // (i32 × 5) → ()
    ...section(2, [1, ...name('m'), ...name('memory'), 0x02, 0x00, 1]), // memory import, min 1 page
    ...section(3, [1, 0]),
    ...section(7, [1, ...name('project'), 0x00, 0]),
    ...section(10, [1, ...code]),
  ]);
}

type Project = (rows: number, values: number, size: number, out: number, bytes: number) => void;

/** The few WebAssembly APIs used here (the project's TypeScript library has no WebAssembly types). */
interface Wasm {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer };
}

const wasm = (globalThis as { WebAssembly?: Wasm }).WebAssembly;
let compiled: object | null | undefined;

/** The compiled module, or null where this runtime lacks WebAssembly SIMD. */
function kernelModule(): object | null {
  if (compiled === undefined) {
    const bytes = moduleBytes();
    compiled = wasm?.validate(bytes) ? new wasm.Module(bytes) : null;
  }
  return compiled;
}

/** The projections of a sparse vector, with the planes and projections in the kernel's memory. */
export interface ProjectionKernel {
  /** dimension × projections, row-major by coordinate (to be filled by the caller). */
  planes: Float64Array;
  projections: Float64Array;
  /** projections = Σ over the `size` coordinates in `nonZero` of vector[coordinate] × its row of planes. */
  project(vector: Float32Array, nonZero: Int32Array, size: number): void;
}

/**
 * The kernel over a new memory laid out as planes, rows, values, projections; undefined where
 * WebAssembly SIMD is missing or for an odd number of projections (two per instruction).
 */
export function projectionKernel(dimension: number, count: number): ProjectionKernel | undefined {
  const module = kernelModule();
  if (!module || !wasm || count < 2 || count % 2 !== 0) return undefined;
  const rowsAt = dimension * count * 8;
  const valuesAt = rowsAt + Math.ceil((dimension * 4) / 16) * 16;
  const projectionsAt = valuesAt + dimension * 8;
  const memory = new wasm.Memory({ initial: Math.ceil((projectionsAt + count * 8) / 65_536) });
  const run = new wasm.Instance(module, { m: { memory } }).exports.project as Project;
  const { buffer } = memory;
  const rows = new Int32Array(buffer, rowsAt, dimension);
  const values = new Float64Array(buffer, valuesAt, dimension);
  const projections = new Float64Array(buffer, projectionsAt, count);
  return {
    planes: new Float64Array(buffer, 0, dimension * count),
    projections,
    project(vector, nonZero, size) {
      for (let k = 0; k < size; k++) {
        rows[k] = nonZero[k] * count * 8;
        values[k] = vector[nonZero[k]];
      }
      projections.fill(0);
      run(rowsAt, valuesAt, size, projectionsAt, count * 8);
    },
  };
}
