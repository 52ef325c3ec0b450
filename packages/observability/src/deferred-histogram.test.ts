import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { DeferredHistogram } from './deferred-histogram.js';

const buckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** A deferred histogram and a plain one fed the same values; their expositions must match. */
function pair(maxPending?: number) {
  const deferredRegistry = new Registry();
  const plainRegistry = new Registry();
  const configuration = { name: 'h_seconds', help: 'h', labelNames: ['model'], buckets };
  const deferred = new DeferredHistogram({ ...configuration, registers: [deferredRegistry] }, maxPending);
  const plain = new Histogram({ ...configuration, registers: [plainRegistry] });
  const text = async (): Promise<[string, string]> => [
    await deferredRegistry.metrics(),
    await plainRegistry.metrics(),
  ];
  return { deferred, plain, text };
}

describe('DeferredHistogram', () => {
  it('gives the buckets, sums, counts and series order of observing at once', async () => {
    const { deferred, plain, text } = pair();
    const a = deferred.series({ model: 'a' });
    const b = deferred.series({ model: 'b' });
    const values = [0.013, 0.2, 0.30000000000000004, 1.7, 0.1, 3, 1e-7, 0.049999, 2.5, 0.25];
    for (const [index, value] of values.entries()) {
      const series = index % 3 === 0 ? b : a;
      deferred.observe(series, value);
      plain.observe(series.labels, value);
    }
    const [deferredText, plainText] = await text();
    expect(deferredText).toBe(plainText);
    expect(deferredText.indexOf('model="b"')).toBeLessThan(deferredText.indexOf('model="a"'));
  });

  it('observes what waits once maxPending values wait, and stays exact', async () => {
    const { deferred, plain, text } = pair(4);
    for (let index = 0; index < 50; index += 1) {
      const series = deferred.series({ model: `m${index % 7}` });
      deferred.observe(series, index / 13);
      plain.observe(series.labels, index / 13);
    }
    const [deferredText, plainText] = await text();
    expect(deferredText).toBe(plainText);
  });

  it('flushes before it is read or changed directly; reset drops what waits', async () => {
    const { deferred, plain, text } = pair();
    const a = deferred.series({ model: 'a' });
    deferred.observe(a, 0.3);
    plain.observe(a.labels, 0.3);
    expect(await deferred.histogram.get()).toEqual(await plain.get());

    const b = deferred.series({ model: 'b' });
    deferred.observe(b, 0.2);
    plain.observe(b.labels, 0.2);
    deferred.histogram.observe({ model: 'c' }, 0.1);
    plain.observe({ model: 'c' }, 0.1);
    deferred.histogram.labels({ model: 'd' }).observe(0.7);
    plain.labels({ model: 'd' }).observe(0.7);
    deferred.observe(a, 0.4);
    plain.observe(a.labels, 0.4);
    deferred.histogram.zero({ model: 'a' });
    plain.zero({ model: 'a' });
    deferred.observe(b, 0.9);
    plain.observe(b.labels, 0.9);
    deferred.histogram.remove({ model: 'b' });
    plain.remove({ model: 'b' });
    let [deferredText, plainText] = await text();
    expect(deferredText).toBe(plainText);

    deferred.observe(a, 0.6);
    plain.observe(a.labels, 0.6);
    deferred.histogram.reset();
    plain.reset();
    deferred.observe(b, 0.01);
    plain.observe(b.labels, 0.01);
    [deferredText, plainText] = await text();
    expect(deferredText).toBe(plainText);
  });

  it('throws for a value that is not a number, as observing at once does', () => {
    const { deferred } = pair();
    const a = deferred.series({ model: 'a' });
    expect(() => deferred.observe(a, Number.NaN)).toThrow(TypeError);
    expect(() => deferred.observe(a, Number.POSITIVE_INFINITY)).toThrow(TypeError);
  });
});
