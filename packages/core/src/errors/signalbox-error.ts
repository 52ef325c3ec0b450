const marker = 'signalbox.error';
const symbol = Symbol.for(marker);

/**
 * Base class of every error Signalbox throws. `isInstance` works across two loaded copies of the
 * package (it checks a global symbol, not the prototype chain).
 */
export class SignalboxError extends Error {
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: the brand isInstance() reads
  private readonly [symbol] = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SignalboxError';
  }

  /** Whether `error` is a `SignalboxError`, even one from another loaded copy of this package. */
  static isInstance(error: unknown): error is SignalboxError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[symbol] === true;
  }
}
