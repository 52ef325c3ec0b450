import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli.js';
import { type RunningGateway, startGateway } from './server.js';

function capture() {
  const lines: string[] = [];
  const errors: string[] = [];
  return {
    lines,
    errors,
    output: { out: (line: string) => lines.push(line), err: (line: string) => errors.push(line) },
  };
}

const databaseUrl = process.env.SIGNALBOX_TEST_DATABASE_URL;
if (!databaseUrl)
  throw new Error('SIGNALBOX_TEST_DATABASE_URL is not set: run the tests from the repository root');

describe('signalbox CLI', () => {
  it('explains where keys live when it has no store to reach', async () => {
    const { errors, output } = capture();
    expect(await runCli(['keys', 'list'], {}, output)).toBe(1);
    expect(errors.join('\n')).toMatch(/DATABASE_URL.*SIGNALBOX_ADMIN_KEY/s);
    const usage = capture();
    expect(await runCli(['--help'], {}, usage.output)).toBe(0);
    expect(usage.lines.join('\n')).toContain('keys create');
  });

  it('manages keys and projects on the Postgres key store (DATABASE_URL)', async () => {
    const env = { DATABASE_URL: databaseUrl };
    const project = `cli-${process.pid}-${Date.now()}`;
    const created = capture();
    expect(
      await runCli(
        ['keys', 'create', '--project', project, '--name', 'ci', '--rpm', '5', '--json'],
        env,
        created.output,
      ),
    ).toBe(0);
    const key = JSON.parse(created.lines.join('\n')) as { id: string; key: string; limits: unknown };
    expect(key.key).toMatch(/^sk-sb-/);
    expect(key.limits).toEqual({ requestsPerMinute: 5 });
    const listed = capture();
    expect(await runCli(['keys', 'list', '--project', project], env, listed.output)).toBe(0);
    expect(listed.lines.join('\n')).toContain(`${key.id}  sk-sb-`);
    expect(listed.lines.join('\n')).not.toContain(key.key);
    const disabled = capture();
    expect(await runCli(['keys', 'disable', key.id], env, disabled.output)).toBe(0);
    expect(disabled.lines[0]).toContain('disabled');
    const refused = capture();
    expect(await runCli(['projects', 'delete', project], env, refused.output)).toBe(1);
    expect(refused.errors[0]).toMatch(/still has 1 key/);
    expect(await runCli(['projects', 'delete', project, '--delete-keys'], env, capture().output)).toBe(0);
    const bad = capture();
    expect(await runCli(['keys', 'create', '--rpm', 'lots'], env, bad.output)).toBe(1);
    expect(bad.errors[0]).toContain('--rpm');
  });

  describe("through a running gateway's admin API (memory store)", () => {
    let gateway: RunningGateway;
    const adminKey = 'cli-test-admin-key-0123456789';
    beforeAll(async () => {
      gateway = await startGateway({
        HOST: '127.0.0.1',
        PORT: '0',
        SIGNALBOX_API_KEYS: 'sk-sb-cli-static-key-01',
        SIGNALBOX_ADMIN_KEY: adminKey,
      });
    });
    afterAll(() => gateway.close());

    it('creates a key the gateway accepts at once', async () => {
      const env = { SIGNALBOX_URL: gateway.url, SIGNALBOX_ADMIN_KEY: adminKey };
      const created = capture();
      expect(
        await runCli(['keys', 'create', '--project', 'web', '--models', 'mock/echo'], env, created.output),
      ).toBe(0);
      const key = created.lines.join('\n').match(/sk-sb-[A-Za-z0-9_-]{43}/)?.[0];
      expect(created.lines[0]).toMatch(/not shown again/);
      const response = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'mock/echo', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(response.status).toBe(200);
      const projects = capture();
      expect(await runCli(['projects', 'list'], env, projects.output)).toBe(0);
      expect(projects.lines[0]).toMatch(/^web {2}web/);
      const wrong = capture();
      expect(
        await runCli(
          ['keys', 'list'],
          { ...env, SIGNALBOX_ADMIN_KEY: 'sk-sb-cli-static-key-01' },
          wrong.output,
        ),
      ).toBe(1);
      expect(wrong.errors[0]).toMatch(/admin key/);
    });
  });
});
