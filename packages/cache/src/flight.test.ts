import { describe, expect, it } from 'vitest';
import { Flight, FlightTable } from './flight.js';

describe('Flight', () => {
  it('aborts its signal only when the last participant leaves before it finished', () => {
    let abandoned = 0;
    const flight = new Flight(() => (abandoned += 1));
    const one = new AbortController();
    const two = new AbortController();
    const first = flight.join(one.signal);
    flight.join(two.signal);
    one.abort();
    first.leave();
    expect(flight.signal.aborted).toBe(false);
    two.abort();
    expect(flight.signal.aborted).toBe(true);
    expect(abandoned).toBe(1);
  });

  it('does not abort once finished, and ignores clients already gone', () => {
    const flight = new Flight();
    const gone = new AbortController();
    gone.abort();
    flight.join(gone.signal).leave();
    expect(flight.signal.aborted).toBe(false);
    const client = flight.join(new AbortController().signal);
    flight.finish();
    client.leave();
    expect(flight.signal.aborted).toBe(false);
  });

  it('settles once', async () => {
    const flight = new Flight();
    flight.settle({ type: 'unshared' });
    flight.settle({ type: 'failed', error: new Error('late'), retry: false });
    expect(await flight.outcome).toEqual({ type: 'unshared' });
  });
});

describe('FlightTable', () => {
  it('holds one flight per key; ending an old flight does not remove its replacement', () => {
    const table = new FlightTable();
    const first = table.start('k');
    const second = table.start('k');
    expect(table.get('k')).toBe(second);
    table.end('k', first);
    expect(table.get('k')).toBe(second);
    table.end('k', second);
    expect(table.size).toBe(0);
  });

  it('forgets an abandoned flight at once', () => {
    const table = new FlightTable();
    const flight = table.start('k');
    const client = new AbortController();
    flight.join(client.signal);
    client.abort();
    expect(table.get('k')).toBeUndefined();
  });
});
