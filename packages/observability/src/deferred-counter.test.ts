import { Counter, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { DeferredCounter } from './deferred-counter.js';

const labelNames = ['model', 'kind'];

/** A deferred counter and a plain one fed the same increments; their expositions must match. */
function pair() {
  const deferredRegistry = new Registry();
  const plainRegistry = new Registry();
  const deferred = new DeferredCounter({
    name: 'c_total',
    help: 'h',
    labelNames,
    registers: [deferredRegistry],
  });
  const plain = new Counter({ name: 'c_total', help: 'h', labelNames, registers: [plainRegistry] });
  const text = async (): Promise<[string, string]> => [
    await deferredRegistry.metrics(),
    await plainRegistry.metrics(),
  ];
  return { deferred, plain, text };
}

describe('DeferredCounter', () => {
  it('gives the values and the series order of counting at once', async () => {
    const { deferred, plain, text } = pair();
    const a = deferred.series({ model: 'a', kind: 'input' });
    const b = deferred.series({ model: 'b', kind: 'input' });
    const c = deferred.series({ model: 'a', kind: 'output' });
    const steps: Array<[typeof a, number]> = [
      [b, 3],
      [a, 1],
      [b, 2],
      [c, 7],
      [a, 2 ** 40],
      [a, 0],
    ];
    for (const [series, value] of steps) {
      deferred.add(series, value);
      plain.inc(series.labels, value);
    }
    const [deferredText, plainText] = await text();
    expect(deferredText).toBe(plainText);
    expect(deferredText.indexOf('model="b"')).toBeLessThan(deferredText.indexOf('model="a",kind="input"'));
  });

  it('adds fractions one by one, in order, so float sums are identical', async () => {
    const { deferred, plain, text } = pair();
    const a = deferred.series({ model: 'a', kind: 'cost' });
    const b = deferred.series({ model: 'b', kind: 'cost' });
    const values = [1, 0.1, 0.2, 3, 0.30000000000000004, 1e-7, 2, 5e-9, Number.NaN, 7];
    for (const [index, value] of values.entries()) {
      const series = index % 3 === 0 ? b : a;
      deferred.add(series, value);
      plain.inc(series.labels, value);
      if (index === 4) {
        const [mid, midPlain] = await text();
        expect(mid).toBe(midPlain);
      }
    }
    const [deferredText, plainText] = await text();
    expect(deferredText).toBe(plainText);
  });

  it('flushes before it is read, reset, or changed directly', async () => {
    const { deferred, plain, text } = pair();
    const a = deferred.series({ model: 'a', kind: 'input' });
    deferred.add(a, 5);
    plain.inc(a.labels, 5);
    expect((await deferred.counter.get()).values).toEqual((await plain.get()).values);

    // A series created directly on the counter keeps its place after the pending ones.
    const b = deferred.series({ model: 'b', kind: 'input' });
    deferred.add(b, 1);
    plain.inc(b.labels, 1);
    deferred.counter.inc({ model: 'c', kind: 'input' }, 2);
    plain.inc({ model: 'c', kind: 'input' }, 2);
    deferred.add(b, 1);
    plain.inc(b.labels, 1);
    let [deferredText, plainText] = await text();
    expect(deferredText).toBe(plainText);

    deferred.add(a, 4);
    plain.inc(a.labels, 4);
    deferred.counter.remove({ model: 'a', kind: 'input' });
    plain.remove({ model: 'a', kind: 'input' });
    deferred.add(b, 3);
    plain.inc(b.labels, 3);
    deferred.counter.reset();
    plain.reset();
    deferred.add(a, 1);
    plain.inc(a.labels, 1);
    [deferredText, plainText] = await text();
    expect(deferredText).toBe(plainText);
    expect(deferredText).not.toContain('model="b"');
  });

  it('throws where counting at once throws', () => {
    const { deferred } = pair();
    const a = deferred.series({ model: 'a', kind: 'input' });
    expect(() => deferred.add(a, -1)).toThrow('It is not possible to decrease a counter');
    expect(() => deferred.add(a, Number.POSITIVE_INFINITY)).toThrow(TypeError);
  });

  it('never holds more than a bounded number of values', async () => {
    const { deferred, plain, text } = pair();
    for (let index = 0; index < 5_000; index += 1) {
      const series = deferred.series({ model: `m${index % 1_500}`, kind: 'cost' });
      deferred.add(series, 0.5 + index);
      plain.inc(series.labels, 0.5 + index);
    }
    const [deferredText, plainText] = await text();
    expect(deferredText).toBe(plainText);
  });
});
