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
    outcomeSubject: 'Votre inscription à l’espace locataire n’a pas abouti',
    outcomeHelp:
      'Besoin d’aide ? Le personnel d’accueil de votre agence peut vous accompagner à la borne, sans rendez-vous.',
    outcome: {
      identity_not_found: [
        'Les informations saisies à la borne (numéro de compte locataire, nom, prénom, date de naissance) n’ont pas pu être confirmées.',
        'Vérifiez-les sur votre avis d’échéance ou votre bail, puis recommencez l’inscription à la borne.',
      ],
      already_registered: [
        'Un compte existe déjà pour ce locataire : l’inscription n’a pas été enregistrée une seconde fois.',
        'Connectez-vous avec l’adresse email de ce compte ; si vous avez oublié le mot de passe, choisissez « Mot de passe oublié » à la borne.',
      ],
      email_in_use: [
        'Cette adresse email est déjà utilisée par un compte de l’espace locataire.',
        'Connectez-vous avec cette adresse (« Mot de passe oublié » si besoin), ou recommencez l’inscription à la borne avec une autre adresse.',
      ],
      weak_password: [
        'Le mot de passe choisi ne respecte pas les règles de sécurité.',
        'Recommencez l’inscription à la borne en choisissant un autre mot de passe.',
      ],
      terms_outdated: [
        'Les conditions d’utilisation ont changé avant que votre inscription puisse être enregistrée.',
        'Recommencez l’inscription à la borne pour accepter les nouvelles conditions.',
      ],
      too_many_attempts: [
        'Trop d’essais ont été faits avec ces informations : par sécurité, votre inscription n’a pas pu être vérifiée.',
        'Réessayez plus tard à la borne.',
      ],
    },
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
    outcomeSubject: 'Your tenant account registration did not go through',
    outcomeHelp: 'Need help? The front-desk staff of your agency can help you at the kiosk, no appointment needed.',
    outcome: {
      identity_not_found: [
        'The details typed at the kiosk (tenant account number, last name, first name, date of birth) could not be confirmed.',
        'Check them on your rent notice or your lease, then register again at the kiosk.',
      ],
      already_registered: [
        'An account already exists for this tenant: the registration was not saved a second time.',
        'Log in with the email address of that account; if you forgot the password, choose “Forgotten password” at the kiosk.',
      ],
      email_in_use: [
        'This email address is already used by a tenant account.',
        'Log in with this address (“Forgotten password” if needed), or register again at the kiosk with another address.',
      ],
      weak_password: [
        'The password chosen does not meet the security rules.',
        'Register again at the kiosk with another password.',
      ],
      terms_outdated: [
        'The terms of use changed before your registration could be saved.',
        'Register again at the kiosk to accept the new terms.',
      ],
      too_many_attempts: [
        'Too many attempts were made with these details: for your security, your registration could not be checked.',
        'Try again later at the kiosk.',
      ],
    },
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

/** Refusals of a queued registration that the online screen would have shown: the same, by email. */
export const OUTCOME_MAIL_CODES = [
  'identity_not_found',
  'already_registered',
  'email_in_use',
  'weak_password',
  'terms_outdated',
  'too_many_attempts',
] as const;
export type OutcomeMailCode = (typeof OUTCOME_MAIL_CODES)[number];

/**
 * What a tenant who left the kiosk learns about a refused registration: what the screen would have
 * said and what to do, nothing more (no name, no account number, no hint).
 */
export function registrationOutcomeMail(language: string, code: OutcomeMailCode): Omit<OutgoingMail, 'to'> {
  const lang = langOf(language);
  const t = T[lang];
  return render(lang, t.outcomeSubject, [...t.outcome[code], t.outcomeHelp, t.notYou]);
}
