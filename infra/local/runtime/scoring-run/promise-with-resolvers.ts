interface Resolvers<T> {
  promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason?: unknown) => void;
}

type PromiseConstructorWithResolvers = PromiseConstructor & { withResolvers?: <T>() => Resolvers<T> };

/**
 * Installs `Promise.withResolvers` (ES2024) where it is missing, as the spec defines it: it builds
 * the promise with `this` as the constructor (so subclasses get their own kind of promise) and is a
 * writable, configurable, non-enumerable method. Node 22 has it; Node 20 does not, and
 * aws-local-stepfunctions v3 calls it for every task's timeout (the only reason it declares Node >= 22).
 */
export function installPromiseWithResolvers(): void {
  const promiseConstructor = Promise as PromiseConstructorWithResolvers;
  if (typeof promiseConstructor.withResolvers === 'function') return;
  Object.defineProperty(Promise, 'withResolvers', {
    value: function withResolvers<T>(this: unknown): Resolvers<T> {
      if (typeof this !== 'function') throw new TypeError('Promise.withResolvers called on a non-constructor');
      let resolve!: Resolvers<T>['resolve'];
      let reject!: Resolvers<T>['reject'];
      const promise = new (this as PromiseConstructor)<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
    writable: true,
    enumerable: false,
    configurable: true,
  });
}
