import { type Server, type Socket, connect, createServer } from 'node:net';

/** How a cut connection behaves: refused at once, or accepted and never answered. */
export type Outage = 'refuse' | 'blackhole';

export interface TcpProxy {
  readonly port: number;
  /** Cuts every connection, open and new, the way `outage` says. */
  cut(outage: Outage): Promise<void>;
  /** Forwards again (connections cut before stay dead, as after a real outage). */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A loopback TCP forwarder to `targetPort` that a test can cut: the one way to take a real
 * database away from a running server (refused connections, or a network that swallows packets)
 * without stopping the database other tests use.
 */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let outage: Outage | undefined;
  const track = (socket: Socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server: Server = createServer((client) => {
    track(client);
    if (outage === 'blackhole') return; // accepted, never answered
    const upstream = connect(targetPort, '127.0.0.1');
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => {
      // A blackholed link stays open on the client's side: it just never answers.
      if (outage !== 'blackhole') client.destroy();
    });
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as { port: number }).port);
      });
    });
  const port = await listen(0);
  const stopListening = () =>
    new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
  return {
    port,
    async cut(kind) {
      outage = kind;
      if (kind === 'refuse') {
        const closed = stopListening();
        for (const socket of open) socket.destroy();
        await closed;
      } else {
        // Upstream links die; their clients wait forever.
        for (const socket of open) if (socket.remotePort === targetPort) socket.destroy();
      }
    },
    async restore() {
      for (const socket of open) socket.destroy();
      outage = undefined;
      if (!server.listening) await listen(port);
    },
    async close() {
      outage = 'refuse';
      for (const socket of open) socket.destroy();
      await stopListening();
    },
  };
}
