import type { OutboxKind } from '../../shared/portal-api/outbox';
import type { Problem } from './data';

/** The fleet page's words: French, like the portal's other pages (its readers are the landlord's staff). */
export const PROBLEM_WORDS: Record<Problem, string> = {
  revoked: 'Révoquée',
  silent: 'Silencieuse',
  refused: 'Envois refusés',
  old_pending: 'Envois en retard',
  out_of_service: 'Hors service',
};

export const KIND_WORDS: Record<OutboxKind, string> = {
  register: 'Inscriptions',
  activate_code: 'Activations par code',
  resend_activation: 'Renvois d’activation',
  reset_request: 'Demandes de réinitialisation',
  reset_confirm: 'Nouveaux mots de passe',
  event: 'Événements',
};

/** Known audit events; an event the page does not know yet is shown by its code word. */
export const EVENT_WORDS: Record<string, string> = {
  registration: 'Inscription',
  login: 'Connexion',
  password_reset: 'Mot de passe oublié',
  activation: 'Activation',
  resend_activation: 'Renvoi d’activation',
  unlock: 'Ouverture du mode personnel',
  set_out_of_service: 'Mise hors service ou remise en service',
  set_default_language: 'Langue par défaut',
  assisted_visit_start: 'Visite accompagnée',
  sync_now: 'Synchronisation demandée',
  leave: 'Sortie du mode personnel',
  session_end: 'Fin de session du personnel',
  registration_why: '« Pourquoi ? » après un refus d’inscription',
};

export const SOURCE_WORDS = { staff: 'Personnel', journey: 'Parcours' } as const;

const time = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });
const dayAndTime = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const dayOf = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short' });

/** « 14:05 » today, « 12/06/2025 14:05 » another day (Paris time). */
export function when(iso: string, now: Date): string {
  const d = new Date(iso);
  return dayOf.format(d) === dayOf.format(now) ? time.format(d) : dayAndTime.format(d);
}

/** « 7 min », « 2 h 05 », « 3 j ». */
export function duration(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')}`;
  return `${Math.floor(minutes / 1440)} j`;
}

export const nowWords = (now: Date): string => dayAndTime.format(now);
