import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * What the proxy does to one request on its way to the portal:
 * - pass: forwarded, the portal's answer returned;
 * - reset_before: the connection is reset before anything reaches the portal;
 * - status_500 / status_502: an error answer, the portal never sees the request;
 * - drop_after_commit: forwarded, the portal answers (its effect committed), the connection is reset;
 * - hang_after_commit: forwarded, then nothing comes back until the client gives up (its timeout);
 * - twice: forwarded twice at once (a retransmission), one of the answers returned.
 */
export const FAULTS = [
  'reset_before',
  'status_500',
  'status_502',
  'drop_after_commit',
  'hang_after_commit',
  'twice',
] as const;
export type Fault = (typeof FAULTS)[number];
export type Decision = Fault | 'pass';

export interface ProxyStats {
  /** Requests to the routes under test (`counted`), by what the proxy did. */
  byDecision: Record<Decision, number>;
  /** Every request seen, any route. */
  requests: number;
  /** Times the listener was closed (connections refused, as when the portal is stopped). */
  outages: number;
}

interface Forwarded {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * A small HTTP proxy on 127.0.0.1 between the kiosk and the portal that injects faults. `decide`
 * picks the fault of each request; `counted` says which requests the statistics are about.
 */
export class FaultProxy {
  readonly stats: ProxyStats = {
    byDecision: {
      pass: 0,
      reset_before: 0,
      status_500: 0,
      status_502: 0,
      drop_after_commit: 0,
      hang_after_commit: 0,
      twice: 0,
    },
    requests: 0,
    outages: 0,
  };
  #server = createServer((req, res) => void this.#handle(req, res));
  #sockets = new Set<Socket>();
  #port = 0;
  #listening = false;

  constructor(
    private readonly target: { host: string; port: number },
    private readonly decide: (req: IncomingMessage) => Decision,
    private readonly counted: (req: IncomingMessage) => boolean,
  ) {
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(this.#port, '127.0.0.1', () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    this.#port = (this.#server.address() as AddressInfo).port;
    this.#listening = true;
  }

  /** The portal "stops": connections are refused and open ones reset, until `listen()` again. */
  async refuse(): Promise<void> {
    if (!this.#listening) return;
    this.#listening = false;
    this.stats.outages += 1;
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    for (const s of this.#sockets) s.destroy();
    await closed;
  }

  async close(): Promise<void> {
    await this.refuse();
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    this.stats.requests += 1;
    const decision = this.decide(req);
    if (this.counted(req)) this.stats.byDecision[decision] += 1;
    try {
      switch (decision) {
        case 'reset_before':
          req.socket.destroy();
          return;
        case 'status_500':
          res.writeHead(500, { 'content-type': 'application/json' }).end('{"ok":false,"error":{"code":"internal"}}');
          return;
        case 'status_502':
          res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>502 Bad Gateway</h1>');
          return;
        case 'drop_after_commit':
          await this.#forward(req, body);
          req.socket.destroy();
          return;
        case 'hang_after_commit':
          // The answer is thrown away; the client's own timeout ends the wait and closes the socket.
          await this.#forward(req, body);
          return;
        case 'twice': {
          const first = await Promise.any([this.#forward(req, body), this.#forward(req, body)]);
          this.#reply(res, first);
          return;
        }
        case 'pass':
          this.#reply(res, await this.#forward(req, body));
          return;
      }
    } catch {
      // The portal itself was unreachable (a stop in progress): the client sees a reset.
      req.socket.destroy();
    }
  }

  #reply(res: ServerResponse, answer: Forwarded): void {
    if (res.destroyed) return;
    res.writeHead(answer.status, answer.headers).end(answer.body);
  }

  #forward(req: IncomingMessage, body: Buffer): Promise<Forwarded> {
    const headers: Record<string, string | string[] | undefined> = {
      ...req.headers,
      host: `${this.target.host}:${this.target.port}`,
    };
    delete headers.connection;
    delete headers['keep-alive'];
    return new Promise((resolve, reject) => {
      const out = httpRequest(
        { host: this.target.host, port: this.target.port, method: req.method, path: req.url, headers, agent: false },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (c: Buffer) => parts.push(c));
          answer.on('end', () => {
            const h = { ...answer.headers };
            delete h.connection;
            delete h['keep-alive'];
            delete h['transfer-encoding'];
            resolve({ status: answer.statusCode ?? 502, headers: h, body: Buffer.concat(parts) });
          });
          answer.on('error', reject);
        },
      );
      out.on('error', reject);
      out.end(body);
    });
  }
}
