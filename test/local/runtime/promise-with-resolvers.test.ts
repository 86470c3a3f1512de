import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installPromiseWithResolvers } from '../../../infra/local/runtime/scoring-run/promise-with-resolvers.js';

type WithResolvers = <T>() => { promise: Promise<T>; resolve: (value: T) => void; reject: (reason?: unknown) => void };
const promiseStatics = Promise as unknown as { withResolvers?: WithResolvers };

describe('installPromiseWithResolvers', () => {
  let original: PropertyDescriptor | undefined;
  beforeEach(() => {
    original = Object.getOwnPropertyDescriptor(Promise, 'withResolvers');
    delete promiseStatics.withResolvers;
  });
  afterEach(() => {
    delete promiseStatics.withResolvers;
    if (original) Object.defineProperty(Promise, 'withResolvers', original);
  });

  it('adds a method that resolves and rejects its promise', async () => {
    installPromiseWithResolvers();
    const resolved = promiseStatics.withResolvers!<number>();
    const rejected = promiseStatics.withResolvers!<number>();

    resolved.resolve(42);
    rejected.reject(new Error('no'));

    await expect(resolved.promise).resolves.toBe(42);
    await expect(rejected.promise).rejects.toThrow('no');
  });

  it('is a writable, configurable, non-enumerable method, as the built-in is', () => {
    installPromiseWithResolvers();

    expect(Object.getOwnPropertyDescriptor(Promise, 'withResolvers')).toMatchObject({ writable: true, enumerable: false, configurable: true });
    expect(promiseStatics.withResolvers!.length).toBe(0);
  });

  it('builds the promise with its receiver, so a subclass gets its own promises, and refuses a non-constructor', () => {
    installPromiseWithResolvers();
    class TrackedPromise<T> extends Promise<T> {}

    const { promise } = (promiseStatics.withResolvers as WithResolvers).call(TrackedPromise);

    expect(promise).toBeInstanceOf(TrackedPromise);
    expect(() => (promiseStatics.withResolvers as WithResolvers).call({})).toThrow(TypeError);
  });

  it('leaves a built-in Promise.withResolvers alone', () => {
    const builtIn: WithResolvers = () => ({ promise: Promise.resolve() as never, resolve: () => {}, reject: () => {} });
    Object.defineProperty(Promise, 'withResolvers', { value: builtIn, writable: true, configurable: true });

    installPromiseWithResolvers();

    expect(promiseStatics.withResolvers).toBe(builtIn);
  });
});
