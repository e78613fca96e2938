// Stands in for pako in the function bundles (esbuild alias, infra/function.ts): pdf-lib and its PNG codec only
// deflate and inflate, which Node's zlib does natively, and pako would cost the certificates bundle 45 KB.
import { deflateSync, inflateSync } from 'node:zlib';

const pako = {
  deflate: (data: Uint8Array, options?: { level?: number }): Uint8Array =>
    new Uint8Array(options?.level === undefined ? deflateSync(data) : deflateSync(data, { level: options.level })),
  inflate: (data: Uint8Array): Uint8Array => new Uint8Array(inflateSync(data)),
};

export default pako;
