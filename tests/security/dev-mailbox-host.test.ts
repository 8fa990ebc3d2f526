import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoPortal, type DemoPortal } from '../../src/portal/demo';
import { tempDir } from '../unit/helpers/kiosk';
import { rawGet } from './http';

let portal: DemoPortal;
const dir = tempDir('mailbox-host-');
beforeAll(async () => (portal = await startDemoPortal({ dataDir: dir.path, logLevel: 'silent', tenants: 3 })));
afterAll(async () => {
  await portal.close();
  dir.remove();
});

describe('issue #10 item 6: the demo mailbox answers only under a loopback name (DNS rebinding)', () => {
  it('refuses a foreign Host on every mailbox route, from loopback too', async () => {
    const port = Number(new URL(portal.mailboxUrl).port);
    for (const path of ['/dev/mailbox', '/dev/mailbox.json', '/dev/mailbox/1']) {
      for (const host of [
        `attacker.example:${port}`,
        `127.0.0.1.nip.io:${port}`,
        `127.0.0.1:${port + 1}`,
        'localhost',
      ]) {
        const answer = await rawGet(port, path, { host });
        expect(answer.status, `${path} as ${host}`).toBe(404);
        expect(answer.body).not.toContain('messages');
      }
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const answer = await rawGet(port, '/dev/mailbox.json', { host });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toHaveProperty('messages');
    }
  });
});
