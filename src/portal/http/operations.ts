import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { FastifyInstance } from 'fastify';
import type { Client } from '@libsql/client';

export const READY_PATH = '/ready';

export interface ReadinessOptions {
  client: Client;
  resourcesDir: string;
  /** How mail leaves: an SMTP relay, or the demo receiver (not a production set-up). */
  mail: 'smtp' | 'demo';
}

type Check = 'ok' | 'failed';

/**
 * Readiness for a load balancer or an orchestrator (/health is liveness): the database answers and
 * holds every migration this build ships. Mail is always configured once started (`portal:serve`
 * refuses to start without an SMTP relay); the answer says which transport. 503 names the failing
 * check, never an error's detail. While the server closes, Fastify answers 503 itself.
 */
export function registerReadiness(app: FastifyInstance, options: ReadinessOptions): void {
  const shipped = readMigrationFiles({ migrationsFolder: join(options.resourcesDir, 'migrations', 'portal') });
  const latest = Math.max(0, ...shipped.map((m) => m.folderMillis));
  app.get(READY_PATH, { schema: { hide: true } }, async (_request, reply) => {
    let database: Check = 'failed';
    let migrations: Check = 'failed';
    try {
      await options.client.execute('SELECT 1');
      database = 'ok';
      const rows = await options.client.execute('SELECT MAX(created_at) AS at FROM __drizzle_migrations');
      migrations = Number(rows.rows[0]?.at ?? 0) >= latest ? 'ok' : 'failed';
    } catch {
      // reported as the failing check below
    }
    const ready = database === 'ok' && migrations === 'ok';
    return reply
      .code(ready ? 200 : 503)
      .send({ status: ready ? 'ready' : 'not_ready', checks: { database, migrations, mail: options.mail } });
  });
}

/**
 * While closing, every answer says `Connection: close`: a keep-alive connection freed by an
 * in-flight request's answer would otherwise hold the server's close until it timed out.
 */
export function closeConnectionsWhenDraining(app: FastifyInstance): void {
  let draining = false;
  app.addHook('preClose', async () => {
    draining = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (draining) reply.header('connection', 'close');
  });
}

export const UPDATES_PREFIX = '/updates/';

/**
 * The kiosks' update folder (electron-builder's output: latest.yml, installers, blockmaps), for an
 * operator without another web server. latest.yml is revalidated on every check; no listing.
 */
export async function serveUpdates(app: FastifyInstance, dir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: resolve(dir),
    prefix: UPDATES_PREFIX,
    index: false,
    list: false,
    dotfiles: 'deny',
    decorateReply: false,
    setHeaders: (reply, path) => {
      if (path.endsWith('.yml')) void reply.header('cache-control', 'no-cache');
    },
  });
}
