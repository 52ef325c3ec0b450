import { describe, expect, it } from 'vitest';
import { compose, type Middleware } from './compose.js';

describe('compose', () => {
  it('runs middlewares as an onion', async () => {
    const calls: string[] = [];
    const make =
      (name: string): Middleware<unknown> =>
      async (_ctx, next) => {
        calls.push(`${name}:in`);
        await next();
        calls.push(`${name}:out`);
      };
    await compose([make('a'), [make('b'), make('c')]])({});
    expect(calls).toEqual(['a:in', 'b:in', 'c:in', 'c:out', 'b:out', 'a:out']);
  });

  it('calls the outer next last and nests', async () => {
    const calls: string[] = [];
    const inner = compose<unknown>([
      async (_ctx, next) => {
        calls.push('inner');
        await next();
      },
    ]);
    await compose([inner])({}, async () => {
      calls.push('outer-next');
    });
    expect(calls).toEqual(['inner', 'outer-next']);
  });

  it('throws a TypeError at compose time for a non-function', () => {
    expect(() => compose([1 as unknown as Middleware<unknown>])).toThrow(TypeError);
  });

  it('rejects when next() is called twice', async () => {
    const twice: Middleware<unknown> = async (_ctx, next) => {
      await next();
      await next();
    };
    await expect(compose([twice])({})).rejects.toThrow('next() called multiple times');
  });

  it('lets an outer middleware catch errors from downstream', async () => {
    let caught: unknown;
    await compose<unknown>([
      async (_ctx, next) => {
        try {
          await next();
        } catch (error) {
          caught = error;
        }
      },
      () => {
        throw new Error('boom');
      },
    ])({});
    expect(caught).toBeInstanceOf(Error);
  });
});
