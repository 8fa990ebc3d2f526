import type { Language } from '../../shared/locale';
import type { OutgoingMail } from './mailer';

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

type Lang = 'fr' | 'en';
/** French, the landlord's language; English for every other kiosk language until translated. */
const langOf = (language: Language | string): Lang => (language === 'fr' ? 'fr' : 'en');

const T = {
  fr: {
    hello: 'Bonjour,',
    activationSubject: 'Activez votre espace locataire',
    activationIntro: 'Pour activer votre compte de l’espace locataire, cliquez sur le lien ci-dessous :',
    activationButton: 'Activer mon compte',
    codeLine: (code: string, minutes: number) =>
      `Vous êtes devant la borne ? Saisissez ce code : ${code} (valable ${minutes} minutes).`,
    copyLink: 'Si le lien ne fonctionne pas, copiez-collez cette adresse dans votre navigateur :',
    notYou: 'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.',
    spam: 'Vous n’avez pas reçu un de nos messages ? Regardez dans vos courriers indésirables (spam).',
    resetSubject: 'Réinitialisation de votre mot de passe',
    resetIntro: 'Pour choisir un nouveau mot de passe, cliquez sur le lien ci-dessous (valable une heure) :',
    resetButton: 'Choisir un nouveau mot de passe',
    changedSubject: 'Votre mot de passe a été modifié',
    changedBody: 'Le mot de passe de votre espace locataire vient d’être modifié. Toutes vos sessions ont été fermées.',
    changedNotYou: 'Si vous n’êtes pas à l’origine de ce changement, contactez votre agence au plus vite.',
    noReply: 'Ce message est envoyé automatiquement, merci de ne pas y répondre.',
  },
  en: {
    hello: 'Hello,',
    activationSubject: 'Activate your tenant account',
    activationIntro: 'To activate your tenant account, click the link below:',
    activationButton: 'Activate my account',
    codeLine: (code: string, minutes: number) =>
      `At the kiosk? Type this code: ${code} (valid for ${minutes} minutes).`,
    copyLink: 'If the link does not work, copy this address into your browser:',
    notYou: 'If you did not ask for this, ignore this message.',
    spam: 'Missing one of our messages? Look in your spam folder.',
    resetSubject: 'Reset your password',
    resetIntro: 'To choose a new password, click the link below (valid for one hour):',
    resetButton: 'Choose a new password',
    changedSubject: 'Your password was changed',
    changedBody: 'The password of your tenant account was just changed. All your sessions were closed.',
    changedNotYou: 'If you did not do this, contact your agency at once.',
    noReply: 'This message is sent automatically; please do not reply.',
  },
} as const;

function render(
  lang: Lang,
  subject: string,
  paragraphs: string[],
  link?: { url: string; label: string },
): Omit<OutgoingMail, 'to'> {
  const t = T[lang];
  const textParts = [t.hello, '', ...paragraphs.flatMap((p) => [p, ''])];
  if (link) textParts.splice(3, 0, link.url, '');
  textParts.push(t.noReply);
  const button = link
    ? `<p><a href="${escapeHtml(link.url)}" style="display:inline-block;padding:12px 20px;background:#0b5cab;color:#fff;text-decoration:none;border-radius:6px">${escapeHtml(link.label)}</a></p>
<p style="font-size:13px;color:#555">${escapeHtml(t.copyLink)}<br><a href="${escapeHtml(link.url)}">${escapeHtml(link.url)}</a></p>`
    : '';
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:Arial,sans-serif;font-size:16px;color:#1a1a1a;max-width:560px;margin:auto">
<p>${escapeHtml(t.hello)}</p>
<p>${escapeHtml(paragraphs[0] ?? '')}</p>${button}
${paragraphs
  .slice(1)
  .map((p) => `<p>${escapeHtml(p)}</p>`)
  .join('\n')}
<p style="font-size:12px;color:#666">${escapeHtml(t.noReply)}</p></body></html>`;
  return { subject, text: textParts.join('\n'), html };
}

export function activationMail(
  language: string,
  link: string,
  code: string,
  codeMinutes: number,
): Omit<OutgoingMail, 'to'> {
  const lang = langOf(language);
  const t = T[lang];
  return render(lang, t.activationSubject, [t.activationIntro, t.codeLine(code, codeMinutes), t.spam, t.notYou], {
    url: link,
    label: t.activationButton,
  });
}

export function resetMail(language: string, link: string, code: string, codeMinutes: number): Omit<OutgoingMail, 'to'> {
  const lang = langOf(language);
  const t = T[lang];
  return render(lang, t.resetSubject, [t.resetIntro, t.codeLine(code, codeMinutes), t.notYou], {
    url: link,
    label: t.resetButton,
  });
}

export function passwordChangedMail(language: string): Omit<OutgoingMail, 'to'> {
  const lang = langOf(language);
  const t = T[lang];
  return render(lang, t.changedSubject, [t.changedBody, t.changedNotYou]);
}
