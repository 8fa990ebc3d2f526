import { writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startWebShell } from '../../../src/main/web-shell/server';
import { tempDir } from '../helpers/kiosk';

const renderer = tempDir('renderer-close-');
writeFileSync(join(renderer.path, 'index.html'), '<!doctype html><title>t</title>');
afterAll(() => renderer.remove());

describe('web-shell close', () => {
  it('ends a kept-alive connection whose call was in flight when closing began', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let arrived!: () => void;
    const inFlight = new Promise<void>((resolve) => (arrived = resolve));
    const shell = await startWebShell({
      dispatch: async () => {
        arrived();
        await held;
        return { ok: true, value: {} } as never;
      },
      rendererDir: renderer.path,
      port: 0,
    });
    // A browser keeps its connection alive between calls, as this agent does.
    const agent = new Agent({ keepAlive: true });
    const answer = new Promise<{ connection: string | undefined }>((resolve, reject) => {
      const req = httpRequest(
        {
          agent,
          host: '127.0.0.1',
          port: shell.port,
          path: '/api/call/getStatus',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-kiosk-secret': shell.secret },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ connection: res.headers.connection }));
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    await inFlight;
    const closed = shell.close();
    release();
    // Kept alive, the socket would hold close() for the whole keep-alive time (72 s): it is told to end.
    expect((await answer).connection).toBe('close');
    await closed;
    agent.destroy();
  });
});
