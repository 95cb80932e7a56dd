/** What search's small classifiers share: weights kept as base64 Float32 in the model file, and the softmax. */

export function floatsFromBase64(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4).slice();
}

export function floatsToBase64(values: Float32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

/** Scores turned into log-probabilities, in place (subtracting the largest first keeps exp finite). */
export function logSoftmax(z: Float32Array): Float32Array {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (const v of z) sum += Math.exp(v - max);
  const log = Math.log(sum) + max;
  for (let c = 0; c < z.length; c++) z[c] -= log;
  return z;
}
