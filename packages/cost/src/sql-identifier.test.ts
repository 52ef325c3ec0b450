import { describe, expect, it } from 'vitest';
import { sqlIdentifier } from './sql-identifier.js';

describe('sqlIdentifier', () => {
  it('accepts plain and schema-qualified names, refuses anything else', () => {
    expect(sqlIdentifier('signalbox_ledger', 'table')).toBe('signalbox_ledger');
    expect(sqlIdentifier('billing.ledger_2', 'table')).toBe('billing.ledger_2');
    for (const bad of ['Ledger', 'ledger; drop table x', '1ledger', 'a.b.c', '"quoted"', '']) {
      expect(() => sqlIdentifier(bad, 'table')).toThrow('table must be a lower-case SQL identifier');
    }
  });
});
