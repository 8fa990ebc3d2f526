import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 in front of a portal, whose link a test can cut and restore: cut, it
 * stops listening and drops every open connection (the kiosk sees the portal gone: connection
 * refused); restored, it listens again on the same port. The kiosk is given the proxy's URL.
 */
export interface CutProxy {
  url: string;
  /** HTTP exchanges seen so far, as "GET /v1/keys 200" (request line's method and path, status). */
  readonly answered: readonly string[];
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startCutProxy(target: string): Promise<CutProxy> {
  const { hostname, port: targetPort } = new URL(target);
  const sockets = new Set<Socket>();
  const answered: string[] = [];
  let server: Server | null = null;
  let port = 0;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = connect(Number(targetPort), hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.once('close', () => sockets.delete(socket));
          socket.on('error', () => socket.destroy());
        }
        // Requests on one connection are answered in order: pair each answer's status with its request.
        const asked: string[] = [];
        client.on('data', (chunk: Buffer) => {
          const line = /^([A-Z]+) (\S+) HTTP\/1\.1\r\n/.exec(chunk.toString('latin1'));
          if (line) asked.push(`${line[1]} ${line[2]}`);
        });
        upstream.on('data', (chunk: Buffer) => {
          const status = /^HTTP\/1\.1 (\d{3})/.exec(chunk.toString('latin1'));
          if (status && asked.length > 0) answered.push(`${asked.shift()} ${status[1]}`);
        });
        client.pipe(upstream).pipe(client);
        client.once('close', () => upstream.destroy());
        upstream.once('close', () => client.destroy());
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as { port: number }).port;
        server = s;
        resolve();
      });
    });

  const stop = async () => {
    const s = server;
    server = null;
    for (const socket of sockets) socket.destroy();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };

  await listen();
  return {
    url: `http://127.0.0.1:${port}`,
    answered,
    cut: stop,
    restore: async () => {
      if (!server) await listen();
    },
    close: stop,
  };
}
