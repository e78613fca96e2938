// Loads the photo matcher's WebAssembly kernels, which arrive as base64 in generated modules (scripts/build-wasm.ts).
// Node runs WebAssembly, but TypeScript's types for it come with the DOM library, which this project does not load.
type WasmApi = { Module: new (bytes: Uint8Array) => object; Instance: new (module: object) => { exports: object } };
const { Module, Instance } = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

export interface KernelMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** Grows the memory, if need be, to hold `bytes`; views made before a growth are stale after it. */
export function reserveBytes(memory: KernelMemory, bytes: number): void {
  const pageBytes = 65536;
  const missing = Math.ceil(bytes / pageBytes) - memory.buffer.byteLength / pageBytes;
  if (missing > 0) memory.grow(missing);
}

/** Compiles a kernel once; each call of the function returned makes an instance with a memory of its own. */
export function kernelFrom<Exports>(base64: string): () => Exports & { memory: KernelMemory } {
  const compiled = new Module(Buffer.from(base64, 'base64'));
  return () => new Instance(compiled).exports as Exports & { memory: KernelMemory };
}
