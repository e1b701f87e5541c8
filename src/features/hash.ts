/**
 * The string hashes Keras uses: FarmHash Fingerprint64 (`tf.strings.to_hash_bucket_fast`, via the
 * `farmhash-modern` WebAssembly build) and keyed SipHash-2-4 (`tf.strings.to_hash_bucket_strong`,
 * which TensorFlow computes with highwayhash's SipHash).
 */
import { fingerprint64 } from 'farmhash-modern';

const MASK64 = (1n << 64n) - 1n;
const encoder = new TextEncoder();

/** `tf.strings.to_hash_bucket_fast(value, numBuckets)`: FarmHash Fingerprint64 of the UTF-8 bytes mod numBuckets. */
export function farmHashBucket(value: string, numBuckets: number): number {
  return Number(fingerprint64(value) % BigInt(numBuckets));
}

/** `tf.strings.to_hash_bucket_strong(value, numBuckets, key)`: SipHash-2-4 keyed by two uint64 words, mod numBuckets. */
export function sipHashBucket(value: string, numBuckets: number, key: readonly [number, number]): number {
  return Number(sipHash24(encoder.encode(value), BigInt(key[0]), BigInt(key[1])) % BigInt(numBuckets));
}

function rotl(x: bigint, b: bigint): bigint {
  return ((x << b) | (x >> (64n - b))) & MASK64;
}

/** SipHash-2-4 of `bytes` with key (k0, k1), as an unsigned 64-bit BigInt. */
export function sipHash24(bytes: Uint8Array, k0: bigint, k1: bigint): bigint {
  const v = [k0 ^ 0x736f6d6570736575n, k1 ^ 0x646f72616e646f6dn, k0 ^ 0x6c7967656e657261n, k1 ^ 0x7465646279746573n];
  const round = (): void => {
    v[0] = (v[0] + v[1]) & MASK64; v[1] = rotl(v[1], 13n) ^ v[0]; v[0] = rotl(v[0], 32n);
    v[2] = (v[2] + v[3]) & MASK64; v[3] = rotl(v[3], 16n) ^ v[2];
    v[0] = (v[0] + v[3]) & MASK64; v[3] = rotl(v[3], 21n) ^ v[0];
    v[2] = (v[2] + v[1]) & MASK64; v[1] = rotl(v[1], 17n) ^ v[2]; v[2] = rotl(v[2], 32n);
  };
  const compress = (m: bigint): void => {
    v[3] ^= m;
    round(); round();
    v[0] ^= m;
  };
  const fullWords = bytes.length >> 3;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let w = 0; w < fullWords; w++) compress(view.getBigUint64(w * 8, true));
  let last = BigInt(bytes.length & 0xff) << 56n;
  for (let i = fullWords * 8; i < bytes.length; i++) last |= BigInt(bytes[i]) << BigInt(8 * (i - fullWords * 8));
  compress(last);
  v[2] ^= 0xffn;
  round(); round(); round(); round();
  return v[0] ^ v[1] ^ v[2] ^ v[3];
}
