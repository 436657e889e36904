// Where `byte` first occurs in bytes [from, end), or -1. Buffer#indexOf searches to the end of the
// buffer, and a read buffer reused across reads holds stale bytes past `end`.
export function indexOfByte(bytes: Buffer, byte: number, from: number, end: number): number {
  for (let i = from; i < end; i++) if (bytes[i] === byte) return i;
  return -1;
}
