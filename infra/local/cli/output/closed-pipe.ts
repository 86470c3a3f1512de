/**
 * Makes a write to a stream whose reader has gone (`segments query --all | head -1`) harmless:
 * the EPIPE is swallowed instead of ending the process with an unhandled 'error' stack trace,
 * `onClosed` is told once, and later writes are dropped.
 */
export function guardClosedPipe(stream: NodeJS.WriteStream, onClosed: () => void = () => {}): { readonly closed: boolean } {
  const state = { closed: false };
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    if (state.closed) return;
    state.closed = true;
    onClosed();
  });
  return state;
}
