/**
 * Checks a table name given in options before it is written into SQL: letters, digits and
 * underscores, optionally schema-qualified (`billing.signalbox_ledger`). Throws a `TypeError`
 * naming the option otherwise.
 */
export function sqlIdentifier(value: string, option: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}(\.[a-z_][a-z0-9_]{0,62})?$/.test(value)) {
    throw new TypeError(
      `${option} must be a lower-case SQL identifier (letters, digits, '_'), got '${value}'`,
    );
  }
  return value;
}
