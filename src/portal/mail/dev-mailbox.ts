import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiError } from '../http/errors';
import { page } from '../pages/layout';
import type { DemoReceiver } from './demo-receiver';
import { escapeHtml } from './templates';

export const MAILBOX_PATH = '/dev/mailbox';

const isLoopback = (request: FastifyRequest) => /^(127\.|::1$|::ffff:127\.)/.test(request.socket.remoteAddress ?? '');

/**
 * The Host header names loopback and the port this server answered on: a page on another name
 * that resolves to 127.0.0.1 (DNS rebinding) cannot read the mails through the visitor's browser.
 */
const namesLoopback = (request: FastifyRequest) => {
  const port = request.socket.localPort;
  return ['127.0.0.1', 'localhost', '[::1]'].some((name) => request.headers.host === `${name}:${port}`);
};

const linkify = (text: string) =>
  escapeHtml(text).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);

/**
 * The demo mailbox: what the in-process receiver caught, readable in a browser (and as JSON for
 * end-to-end tests). Loopback only, by address and by Host name, and only registered in demo mail mode.
 */
export function registerDevMailbox(app: FastifyInstance, receiver: DemoReceiver): void {
  const guard = async (request: FastifyRequest) => {
    if (!isLoopback(request) || !namesLoopback(request)) throw new ApiError('not_found');
  };
  const hide = { hide: true } as const;

  app.get(MAILBOX_PATH, { onRequest: guard, schema: hide }, async (_request, reply) => {
    const items = [...receiver.messages()].reverse();
    const rows = items
      .map(
        (m) =>
          `<li><a href="${MAILBOX_PATH}/${m.id}">${escapeHtml(m.subject)}</a><br><small>${escapeHtml(m.to.join(', '))} — ${escapeHtml(m.receivedAt)}</small></li>`,
      )
      .join('\n');
    return reply.type('text/html; charset=utf-8').send(
      page(
        'fr',
        'Boîte de réception (démo)',
        `<h1>Boîte de réception de démonstration</h1>
<p>Les courriels envoyés par le portail de démonstration arrivent ici. Aucun n’est réellement envoyé.</p>
${items.length ? `<ul class="mails">${rows}</ul>` : '<p>Aucun message pour l’instant.</p>'}`,
      ),
    );
  });

  app.get(`${MAILBOX_PATH}.json`, { onRequest: guard, schema: hide }, async () => ({ messages: receiver.messages() }));

  const idParams = z.strictObject({ id: z.coerce.number().int().positive() });
  app.get(`${MAILBOX_PATH}/:id`, { onRequest: guard, schema: hide }, async (request, reply) => {
    const parsed = idParams.safeParse(request.params);
    const mail = parsed.success ? receiver.messages().find((m) => m.id === parsed.data.id) : undefined;
    if (!mail) throw new ApiError('not_found');
    return reply.type('text/html; charset=utf-8').send(
      page(
        'fr',
        mail.subject,
        `<p><a href="${MAILBOX_PATH}">← Boîte de réception</a></p>
<h1>${escapeHtml(mail.subject)}</h1>
<p><small>De : ${escapeHtml(mail.from)}<br>À : ${escapeHtml(mail.to.join(', '))}<br>${escapeHtml(mail.receivedAt)}</small></p>
<pre class="mail">${linkify(mail.text)}</pre>`,
      ),
    );
  });
}
