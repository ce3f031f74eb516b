/** How often an idle connection is pinged (WebSocket) or sent a keep-alive line (HTTP). */
export const KEEP_ALIVE_MS = 15_000;

/** The part of a WebSocket that keep-alive uses. */
interface PingedSocket {
  on(event: 'pong', listener: () => void): unknown;
  ping(): void;
  terminate(): void;
}

/** Pings the client every `intervalMs`; one that has not answered by the next ping is dropped. */
export function keepAlive(socket: PingedSocket, intervalMs: number): () => void {
  let answered = true;
  socket.on('pong', () => (answered = true));
  const timer = setInterval(() => {
    if (!answered) return socket.terminate();
    answered = false;
    socket.ping();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
