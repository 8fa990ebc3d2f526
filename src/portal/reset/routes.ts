import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { linkTokenSchema } from '../../shared/portal-api/common';
import { portalRoutes, RESET_PAGE_PATH } from '../../shared/portal-api/routes';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type PasswordRule } from '../../shared/rules/password-policy';
import type { PortalContext } from '../context';
import { ApiError } from '../http/errors';
import { registerRoute } from '../http/route';
import { escapeHtml, page } from '../pages/layout';
import { peekLink } from '../security/one-time';
import { confirmResetByCode, confirmResetByLink, requestReset } from './service';

const RULE_TEXT: Record<PasswordRule, string> = {
  min_length: `au moins ${PASSWORD_MIN_LENGTH} caractères`,
  max_length: `au plus ${PASSWORD_MAX_LENGTH} caractères`,
  lower: 'au moins 1 minuscule',
  upper: 'au moins 1 majuscule',
  digit: 'au moins 1 chiffre',
  special: 'au moins 1 caractère spécial (!, @, …)',
  not_common: 'pas un mot de passe trop courant',
};

const pageQuery = z.object({ data: z.string().max(200).optional() });
const pageForm = z.object({
  data: z.string().max(200).optional(),
  password: z.string().max(1024).optional(),
  confirmation: z.string().max(1024).optional(),
});

const invalidPage = () =>
  page(
    'fr',
    'Lien expiré',
    `<h1>Ce lien ne fonctionne plus</h1>
<p class="error">Le lien de réinitialisation a expiré ou a déjà été utilisé. Refaites une demande « Mot de passe oublié ».</p>`,
  );

function formPage(token: string, problem?: string): string {
  return page(
    'fr',
    'Nouveau mot de passe',
    `<h1>Choisissez un nouveau mot de passe</h1>
${problem ? `<p class="error" role="alert">${problem}</p>` : ''}
<p>Il doit comporter :</p><ul class="rules">${Object.values(RULE_TEXT)
      .map((t) => `<li>${escapeHtml(t)}</li>`)
      .join('')}</ul>
<form method="post" action="${RESET_PAGE_PATH}"><input type="hidden" name="data" value="${escapeHtml(token)}">
<label for="password">Nouveau mot de passe</label><input id="password" name="password" type="password" autocomplete="new-password" required maxlength="128">
<label for="confirmation">Confirmez le mot de passe</label><input id="confirmation" name="confirmation" type="password" autocomplete="new-password" required maxlength="128">
<button type="submit">Enregistrer</button></form>`,
  );
}

export function registerResetRoutes(app: FastifyInstance, ctx: PortalContext): void {
  registerRoute(app, ctx, portalRoutes.requestReset, async ({ body, saveAnswer }) =>
    requestReset(ctx, body.email, body.language, saveAnswer),
  );
  registerRoute(app, ctx, portalRoutes.confirmResetByCode, async ({ body, kiosk, saveAnswer }) =>
    confirmResetByCode(ctx, kiosk, body.email, body.code, body.newPassword, saveAnswer),
  );
  registerRoute(app, ctx, portalRoutes.confirmResetByLink, async ({ body, saveAnswer }) =>
    confirmResetByLink(ctx, body.token, body.newPassword, saveAnswer),
  );

  app.get(
    RESET_PAGE_PATH,
    {
      schema: { summary: 'Reset page for the link of the email (HTML form).', tags: ['pages'], querystring: pageQuery },
    },
    async (request, reply) => {
      const token = linkTokenSchema.safeParse((request.query as z.infer<typeof pageQuery>).data);
      void reply.type('text/html; charset=utf-8');
      if (!token.success || !(await peekLink(ctx.db, token.data, 'reset', ctx.now())))
        return reply.code(410).send(invalidPage());
      return formPage(token.data);
    },
  );

  app.post(
    RESET_PAGE_PATH,
    { schema: { summary: 'Sets the new password from the page (form post).', tags: ['pages'], body: pageForm } },
    async (request, reply) => {
      const form = request.body as z.infer<typeof pageForm>;
      const token = linkTokenSchema.safeParse(form.data);
      void reply.type('text/html; charset=utf-8');
      if (!token.success) return reply.code(410).send(invalidPage());
      if ((form.password ?? '') !== (form.confirmation ?? ''))
        return reply.code(422).send(formPage(token.data, 'Les deux mots de passe ne sont pas identiques.'));
      try {
        await confirmResetByLink(ctx, token.data, form.password ?? '');
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        if (error.code === 'weak_password') {
          const missing = (error.extra.rules ?? []).map((r) => RULE_TEXT[r]).join(', ');
          return reply
            .code(422)
            .send(formPage(token.data, `Ce mot de passe ne convient pas : ${escapeHtml(missing)}.`));
        }
        return reply.code(error.status).send(invalidPage());
      }
      return page(
        'fr',
        'Mot de passe modifié',
        `<h1>Mot de passe modifié</h1>
<p class="ok">Votre nouveau mot de passe est enregistré. Vous pouvez vous connecter avec, sur la borne de votre agence ou sur le site.</p>
${ctx.config.loginUrl ? `<p><a class="button" href="${escapeHtml(ctx.config.loginUrl)}">Se connecter</a></p>` : ''}`,
      );
    },
  );
}
