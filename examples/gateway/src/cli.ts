import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  type CreatedKey,
  createKeyManager,
  type KeyManager,
  type KeyView,
  PostgresKeyStore,
  type ProjectView,
  secretBoxFromEnv,
} from '@signalbox/auth';
import pg from 'pg';

/** What the CLI needs from a key administration backend (Postgres directly, or the admin API). */
type Backend = Pick<
  KeyManager,
  | 'createKey'
  | 'listKeys'
  | 'getKey'
  | 'updateKey'
  | 'deleteKey'
  | 'createProject'
  | 'listProjects'
  | 'deleteProject'
> & { close(): Promise<void> };

/** Where the CLI writes. */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

const USAGE = `Usage: signalbox <command> [options]

  keys create [--project <id>] [--name <name>] [--models a,b] [--rpm <n>] [--tpm <n>] [--expires <date>]
  keys list [--project <id>]
  keys get|disable|enable|delete <id>
  projects create <id> [--name <name>] [--rpm <n>] [--tpm <n>]
  projects list
  projects delete <id> [--delete-keys]

  --json prints JSON.

Where keys live:
  DATABASE_URL set      the Postgres key store itself (the tables the gateways share)
  otherwise             the admin API of a running gateway: SIGNALBOX_URL (default
                        http://127.0.0.1:8787) with SIGNALBOX_ADMIN_KEY. A gateway without
                        DATABASE_URL keeps its keys in its own memory: only its admin API reaches them.`;

class CliError extends Error {}

function postgresBackend(databaseUrl: string, env: Record<string, string | undefined>): Backend {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const secretBox = secretBoxFromEnv(env);
  const manager = createKeyManager({
    store: new PostgresKeyStore({ client: pool }),
    ...(secretBox && { secretBox }),
  });
  return { ...manager, close: () => pool.end() };
}

function httpBackend(baseUrl: string, adminKey: string): Backend {
  const root = `${baseUrl.replace(/\/+$/, '')}${/\/v1$/.test(baseUrl.replace(/\/+$/, '')) ? '' : '/v1'}/admin`;
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${root}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${adminKey}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    }).catch((error: unknown) => {
      throw new CliError(
        `Cannot reach the gateway at ${baseUrl} (${(error as Error).message}). Is it running?`,
      );
    });
    const value = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
    if (!response.ok) throw new CliError(value.error?.message ?? `HTTP ${response.status}`);
    return value as T;
  }
  const id = encodeURIComponent;
  return {
    createKey: (input, options) =>
      call<CreatedKey>('POST', `/keys${options?.createProject ? '?createProject=true' : ''}`, input),
    listKeys: async (filter) =>
      (
        await call<{ data: KeyView[] }>(
          'GET',
          `/keys${filter?.projectId ? `?projectId=${id(filter.projectId)}` : ''}`,
        )
      ).data,
    getKey: (keyId) => call<KeyView>('GET', `/keys/${id(keyId)}`),
    updateKey: (keyId, input) => call<KeyView>('PATCH', `/keys/${id(keyId)}`, input),
    deleteKey: async (keyId) => void (await call('DELETE', `/keys/${id(keyId)}`)),
    createProject: (input) => call<ProjectView>('POST', '/projects', input),
    listProjects: async () => (await call<{ data: ProjectView[] }>('GET', '/projects')).data,
    deleteProject: async (projectId, options) =>
      void (await call(
        'DELETE',
        `/projects/${id(projectId)}${options?.deleteKeys ? '?deleteKeys=true' : ''}`,
      )),
    close: async () => {},
  };
}

function backendFor(env: Record<string, string | undefined>): Backend {
  if (env.DATABASE_URL) return postgresBackend(env.DATABASE_URL, env);
  if (env.SIGNALBOX_ADMIN_KEY)
    return httpBackend(env.SIGNALBOX_URL ?? 'http://127.0.0.1:8787', env.SIGNALBOX_ADMIN_KEY);
  throw new CliError(
    'No key store to manage: set DATABASE_URL (the Postgres key store), or SIGNALBOX_ADMIN_KEY (and SIGNALBOX_URL) ' +
      "to use a running gateway's admin API; a gateway's memory store is reachable only through its admin API.",
  );
}

function limitsOf(values: { rpm?: string; tpm?: string }) {
  const number = (value: string | undefined, flag: string) => {
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed <= 0)
      throw new CliError(`--${flag} must be a positive whole number`);
    return parsed;
  };
  const requestsPerMinute = number(values.rpm, 'rpm');
  const tokensPerMinute = number(values.tpm, 'tpm');
  if (requestsPerMinute === undefined && tokensPerMinute === undefined) return undefined;
  return { ...(requestsPerMinute && { requestsPerMinute }), ...(tokensPerMinute && { tokensPerMinute }) };
}

function keyLine(key: KeyView): string {
  const status = key.disabled
    ? 'disabled'
    : key.expiresAt && Date.parse(key.expiresAt) <= Date.now()
      ? 'expired'
      : 'active';
  return [key.id, key.prefix, status, key.projectId ?? '-', key.name ?? '-', key.createdAt].join('  ');
}

async function run(
  backend: Backend,
  command: string[],
  values: Record<string, string | boolean | undefined>,
  output: CliOutput,
) {
  const json = values.json === true;
  const print = (value: unknown, text: () => string) =>
    output.out(json ? JSON.stringify(value, null, 2) : text());
  const str = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const [group, action, target] = command;
  const need = () => {
    if (!target) throw new CliError(`${group} ${action} needs an id`);
    return target;
  };
  const key = `${group} ${action}`;
  if (key === 'keys create') {
    const limits = limitsOf({ rpm: str('rpm'), tpm: str('tpm') });
    const project = str('project');
    const created = await backend.createKey(
      {
        ...(project && { projectId: project }),
        ...(str('name') && { name: str('name') }),
        ...(str('models') && {
          allowedModels: (str('models') ?? '').split(',').map((model) => model.trim()),
        }),
        ...(str('expires') && { expiresAt: str('expires') }),
        ...(limits && { limits }),
      },
      { createProject: true },
    );
    print(
      created,
      () =>
        `Created ${created.id}${project ? ` in project ${project}` : ''}. Copy the key now, it is not shown again:\n${created.key}`,
    );
  } else if (key === 'keys list') {
    const project = str('project');
    const keys = await backend.listKeys(project ? { projectId: project } : {});
    print(keys, () => (keys.length ? keys.map(keyLine).join('\n') : 'No keys.'));
  } else if (key === 'keys get') {
    const found = await backend.getKey(need());
    print(found, () => keyLine(found));
  } else if (key === 'keys disable' || key === 'keys enable') {
    const updated = await backend.updateKey(need(), { disabled: action === 'disable' });
    print(updated, () => keyLine(updated));
  } else if (key === 'keys delete') {
    await backend.deleteKey(need());
    print({ id: target, deleted: true }, () => `Deleted ${target}.`);
  } else if (key === 'projects create') {
    const limits = limitsOf({ rpm: str('rpm'), tpm: str('tpm') });
    const project = await backend.createProject({
      id: need(),
      ...(str('name') && { name: str('name') }),
      ...(limits && { limits }),
    });
    print(project, () => `Created project ${project.id}.`);
  } else if (key === 'projects list') {
    const projects = await backend.listProjects();
    print(projects, () =>
      projects.length
        ? projects.map((project) => `${project.id}  ${project.name}  ${project.createdAt}`).join('\n')
        : 'No projects.',
    );
  } else if (key === 'projects delete') {
    await backend.deleteProject(need(), { deleteKeys: values['delete-keys'] === true });
    print({ id: target, deleted: true }, () => `Deleted project ${target}.`);
  } else {
    throw new CliError(`Unknown command: ${command.join(' ') || '(none)'}\n\n${USAGE}`);
  }
}

/**
 * `signalbox keys|projects ...`: manages gateway keys and projects, on the Postgres key store
 * (`DATABASE_URL`) or through a running gateway's admin API (`SIGNALBOX_URL`,
 * `SIGNALBOX_ADMIN_KEY`). Resolves with the exit code.
 */
export async function runCli(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  output: CliOutput = { out: (line) => console.log(line), err: (line) => console.error(line) },
): Promise<number> {
  let backend: Backend | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        project: { type: 'string' },
        name: { type: 'string' },
        models: { type: 'string' },
        rpm: { type: 'string' },
        tpm: { type: 'string' },
        expires: { type: 'string' },
        'delete-keys': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help || positionals.length === 0) {
      output.out(USAGE);
      return values.help ? 0 : 1;
    }
    backend = backendFor(env);
    await run(backend, positionals, values, output);
    return 0;
  } catch (error) {
    output.err(`signalbox: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await backend?.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runCli(process.argv.slice(2));
}
