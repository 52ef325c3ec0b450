/**
 * The smallest SQL client the Postgres stores need: node-postgres' `Pool` and `Client` fit it
 * as they are (`new Pool({ connectionString })`), and so does any wrapper with the same `query`.
 */
export interface SqlClient {
  /** Runs one parameterised statement (`$1`, `$2`... placeholders) and resolves with its rows. */
  query<Row = Record<string, unknown>>(
    text: string,
    params?: unknown[],
  ): Promise<{ rows: Row[]; rowCount?: number | null }>;
}

/** One schema change, identified by a stable id; applied once per database, in order. */
export interface Migration {
  id: string;
  sql: string;
}

function dollarQuote(text: string): string {
  let tag = 'sbx';
  while (text.includes(`$${tag}$`)) tag += 'x';
  return `$${tag}$${text}$${tag}$`;
}

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * Applies the migrations of one package (`namespace`) that the database has not seen yet, each
 * in its own transaction under an advisory lock, so several gateway processes starting at once
 * apply each migration exactly once. Works through a pool: each migration is one round trip.
 */
export async function runMigrations(
  client: SqlClient,
  namespace: string,
  migrations: Migration[],
): Promise<void> {
  await client
    .query(
      `CREATE TABLE IF NOT EXISTS signalbox_migrations (
       namespace text NOT NULL, id text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (namespace, id))`,
    )
    .catch(async (error: unknown) => {
      // Two processes creating the table at once: one wins, the other sees a duplicate; fine.
      if (!String((error as Error).message).includes('duplicate')) throw error;
    });
  for (const migration of migrations) {
    await client.query(
      `DO ${dollarQuote(`
        BEGIN
          PERFORM pg_advisory_xact_lock(hashtext('signalbox_migrations'));
          IF NOT EXISTS (SELECT 1 FROM signalbox_migrations WHERE namespace = ${literal(namespace)} AND id = ${literal(migration.id)}) THEN
            EXECUTE ${dollarQuote(migration.sql)};
            INSERT INTO signalbox_migrations (namespace, id) VALUES (${literal(namespace)}, ${literal(migration.id)});
          END IF;
        END`)}`,
    );
  }
}
