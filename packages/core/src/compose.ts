/** Calls the next middleware in the chain. */
export type Next = () => Promise<void>;

/**
 * A middleware: `(ctx, next) => Promise<void>`, as in Koa. Code before `await next()` sees the
 * request on its way in, code after it sees the result (or stream) on its way out.
 */
export type Middleware<C = unknown> = (context: C, next: Next) => Promise<void>;

/**
 * Composes middlewares into one onion with the same signature, so compositions nest.
 * Validates at compose time (TypeError for a non-function, arrays are flattened) and guards the
 * contract at run time: calling `next()` twice rejects.
 */
export function compose<C>(
  middlewares: ReadonlyArray<Middleware<C> | ReadonlyArray<Middleware<C>>>,
): (context: C, next?: Next) => Promise<void> {
  if (!Array.isArray(middlewares)) throw new TypeError('compose: middlewares must be an array');
  const stack = (middlewares as Array<Middleware<C> | Middleware<C>[]>).flat();
  for (const [index, fn] of stack.entries()) {
    if (typeof fn !== 'function') {
      throw new TypeError(`compose: middleware at index ${index} must be a function, got ${typeof fn}`);
    }
  }

  return function composed(context: C, next?: Next): Promise<void> {
    let lastIndex = -1;
    function dispatch(index: number): Promise<void> {
      if (index <= lastIndex) return Promise.reject(new Error('next() called multiple times'));
      lastIndex = index;
      const fn = index === stack.length ? next : stack[index];
      if (!fn) return Promise.resolve();
      try {
        return Promise.resolve(fn(context, dispatch.bind(null, index + 1)));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return dispatch(0);
  };
}
