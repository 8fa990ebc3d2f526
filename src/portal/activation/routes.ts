import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { linkTokenSchema } from '../../shared/portal-api/common';
import { ACTIVATION_PAGE_PATH, portalRoutes } from '../../shared/portal-api/routes';
import type { PortalContext } from '../context';
import { ApiError } from '../http/errors';
import { registerRoute } from '../http/route';
import { escapeHtml, page } from '../pages/layout';
import { peekLink } from '../security/one-time';
import { activateByCode, activateByLink, resendActivation } from './service';

const pageQuery = z.object({ target: z.string().max(20).optional(), data: z.string().max(200).optional() });
const pageForm = z.object({ data: z.string().max(200).optional() });

const invalidPage = () =>
  page(
    'fr',
    'Lien expiré',
    `<h1>Ce lien ne fonctionne plus</h1>
<p class="error">Le lien d’activation a expiré ou a déjà été utilisé.</p>
<p>Si votre compte n’est pas encore activé, demandez un nouveau courriel à la borne ou sur le site (« Renvoyer le courriel d’activation »).</p>`,
  );

export function registerActivationRoutes(app: FastifyInstance, ctx: PortalContext): void {
  registerRoute(app, ctx, portalRoutes.activateByCode, async ({ body, kiosk, saveAnswer }) =>
    activateByCode(ctx, kiosk, body.email, body.code, saveAnswer),
  );
  registerRoute(app, ctx, portalRoutes.activateByLink, async ({ body, saveAnswer }) =>
    activateByLink(ctx, body.token, saveAnswer),
  );
  registerRoute(app, ctx, portalRoutes.resendActivation, async ({ body, kiosk, saveAnswer }) =>
    resendActivation(ctx, kiosk, body.email, body.language, saveAnswer),
  );

  // The link of the email, opened on a phone. Opening it only shows a button: mail scanners that
  // fetch links must not use the single-use token.
  app.get(
    ACTIVATION_PAGE_PATH,
    {
      schema: { summary: 'Activation page for the link of the email (HTML).', tags: ['pages'], querystring: pageQuery },
    },
    async (request, reply) => {
      const token = linkTokenSchema.safeParse((request.query as z.infer<typeof pageQuery>).data);
      const valid = token.success && (await peekLink(ctx.db, token.data, 'activation', ctx.now()));
      void reply.type('text/html; charset=utf-8');
      if (!valid) return reply.code(410).send(invalidPage());
      return page(
        'fr',
        'Activer mon compte',
        `<h1>Activer mon compte</h1>
<p>Dernière étape : confirmez l’activation de votre espace locataire.</p>
<form method="post" action="${ACTIVATION_PAGE_PATH}"><input type="hidden" name="data" value="${escapeHtml(token.data)}">
<button type="submit">Activer mon compte</button></form>`,
      );
    },
  );

  app.post(
    ACTIVATION_PAGE_PATH,
    { schema: { summary: 'Activates from the page (form post).', tags: ['pages'], body: pageForm } },
    async (request, reply) => {
      const token = linkTokenSchema.safeParse((request.body as z.infer<typeof pageForm>).data);
      void reply.type('text/html; charset=utf-8');
      try {
        if (!token.success) throw new ApiError('link_invalid');
        await activateByLink(ctx, token.data);
      } catch (error) {
        if (error instanceof ApiError) return reply.code(error.status).send(invalidPage());
        throw error;
      }
      return page(
        'fr',
        'Compte activé',
        `<h1>Votre compte est activé</h1>
<p class="ok">Vous pouvez maintenant vous connecter à votre espace locataire avec votre adresse e-mail et votre mot de passe, sur la borne de votre agence ou sur le site.</p>
${ctx.config.loginUrl ? `<p><a class="button" href="${escapeHtml(ctx.config.loginUrl)}">Se connecter</a></p>` : ''}`,
      );
    },
  );
}
