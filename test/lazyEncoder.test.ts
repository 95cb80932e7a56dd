/** The shared encoder as search and the safety check see it: a load that failed is tried again, not kept. */
import { LazyEncoder } from '../src/language/lazyEncoder';
import { SentenceEncoder } from '../src/safety/sentenceEncoder';

it('tries the load again on the next message after one failed', async () => {
  const working: SentenceEncoder = { embed: async (texts) => texts.map(() => new Float32Array(512)) };
  let loads = 0;
  const encoder = new LazyEncoder(async () => {
    loads++;
    if (loads === 1) throw new Error("Backend 'wasm' has not yet been initialized");
    return working;
  });
  await expect(encoder.embed(['hello'])).rejects.toThrow(/wasm/);
  await expect(encoder.embed(['hello'])).resolves.toHaveLength(1);
  await encoder.embed(['again']);
  expect(loads).toBe(2);
});
