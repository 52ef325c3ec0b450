import { describe, expect, it } from 'vitest';
import { ROWS, selectRows } from './rows.js';

describe('ROWS', () => {
  it('runs every baseline and rate source before the rows that need them', () => {
    const seen = new Set<string>();
    for (const row of ROWS) {
      if (row.baseline) expect(seen.has(row.baseline)).toBe(true);
      if (row.rate) expect(seen.has(row.rate.of)).toBe(true);
      seen.add(row.id);
    }
  });
});

describe('selectRows', () => {
  it('adds what the named rows need, in table order', () => {
    expect(selectRows(['koa-full-half']).map((row) => row.id)).toEqual([
      'proxy',
      'proxy-half',
      'koa-full-half',
    ]);
    expect(selectRows(['express-full']).map((row) => row.id)).toEqual([
      'proxy',
      'bare-express',
      'express-full',
    ]);
  });

  it('runs everything by default and names an unknown row', () => {
    expect(selectRows([])).toBe(ROWS);
    expect(() => selectRows(['nginx'])).toThrow('Unknown row: nginx');
  });
});
