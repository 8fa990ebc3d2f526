/**
 * The reference catalogue: every other language must translate exactly these keys
 * (a missing or extra key fails the typecheck). Loaded eagerly: the kiosk starts in French.
 */
export const fr = {
  'brand.name': 'Mon espace locataire',
  'attract.prompt': "Touchez l'écran pour commencer",
  'attract.hint': 'Créer votre compte, vous connecter, retrouver votre mot de passe',
  'language.label': 'Choix de la langue',
  'home.title': 'Que souhaitez-vous faire ?',
  'home.register.title': 'Créer mon compte',
  'home.register.text': "Première inscription, avec votre avis d'échéance",
  'home.login.title': 'Me connecter',
  'home.login.text': 'Avec votre adresse email et votre mot de passe',
  'home.forgot.title': 'Mot de passe oublié',
  'home.forgot.text': 'Recevez un email pour en choisir un nouveau',
  'home.help.title': 'Aide',
  'home.help.text': 'Numéro de compte, email non reçu, autres questions',
  'soon.text': 'Cette étape sera bientôt disponible sur cette borne.',
  'soon.hint': "En attendant, l'équipe de l'accueil peut vous aider.",
  'action.home': "Retour à l'accueil",
  'action.finish': 'Terminer',
  'status.label': 'État de la borne',
  'status.online': 'En ligne',
  'status.offline': 'Hors ligne',
  'status.checking': 'Vérification…',
  'status.version': 'Version {version}',
  'error.unavailable': 'Le service est momentanément indisponible. Veuillez réessayer.',
  'error.internal': "Une erreur est survenue. Veuillez réessayer ou demander de l'aide à l'accueil.",
  'error.forbidden': "Cette borne doit être redémarrée. Demandez de l'aide à l'accueil.",
  'error.invalid_input': 'Certaines informations ne sont pas valides. Vérifiez votre saisie.',
} satisfies Record<string, string>;

export type MessageKey = keyof typeof fr;
export type Messages = Record<MessageKey, string>;
