import { OUTBOX_KINDS } from '../../shared/portal-api/outbox';
import { escapeHtml as e } from '../pages/layout';
import type { FleetKiosk, Problem } from './data';
import { duration, EVENT_WORDS, KIND_WORDS, nowWords, PROBLEM_WORDS, SOURCE_WORDS, when } from './words';

export const FLEET_PATH = '/admin/flotte';
export const FLEET_LOGIN_PATH = '/admin/flotte/connexion';
export const FLEET_LOGOUT_PATH = '/admin/flotte/deconnexion';

/** A wide page for an office screen: no script (the CSP allows none), a refresh by meta when asked. */
function shell(title: string, body: string, refreshSeconds?: number): string {
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">${refreshSeconds ? `\n<meta http-equiv="refresh" content="${refreshSeconds}">` : ''}
<title>${e(title)} — Mon espace locataire</title>
<style>
body{font-family:system-ui,Arial,sans-serif;margin:0;padding:1rem 1.25rem;color:#1a1a1a;line-height:1.4;font-size:1rem}
header{display:flex;flex-wrap:wrap;align-items:baseline;gap:.5rem 1.5rem;margin-bottom:.75rem}
h1{font-size:1.5rem;margin:0}header form{margin-left:auto}
button{font-size:1rem;padding:.55rem 1.1rem;background:#0b5cab;color:#fff;border:0;border-radius:.4rem;cursor:pointer}
.summary{display:flex;gap:1rem;flex-wrap:wrap;margin:0 0 1rem;padding:0;list-style:none}
.summary li{background:#f2f4f7;border-radius:.4rem;padding:.4rem .8rem}.summary .bad{background:#fde8ea;color:#8a0015;font-weight:600}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.5rem .6rem;border-bottom:1px solid #d0d5dd}
th{background:#f2f4f7;font-size:.9rem;position:sticky;top:0}
tr.bad td:first-child{border-left:.35rem solid #b00020}tr.warn td:first-child{border-left:.35rem solid #b25e00}
tr.ok td:first-child{border-left:.35rem solid #1b7f3b}tr.idle td:first-child{border-left:.35rem solid #98a2b3}
.tag{display:inline-block;font-size:.8rem;font-weight:600;border-radius:.3rem;padding:.05rem .4rem;margin:0 .25rem .25rem 0}
.tag.bad{background:#b00020;color:#fff}.tag.warn{background:#b25e00;color:#fff}.tag.ok{background:#1b7f3b;color:#fff}.tag.idle{background:#667085;color:#fff}
.label{font-weight:700}.muted{color:#555;font-size:.85rem}.alert{color:#b00020;font-weight:600}
ul.figures{margin:0;padding:0;list-style:none}ul.figures li{margin:.1rem 0}code{font-size:.85rem;background:#f2f4f7;padding:0 .2rem;border-radius:.2rem}
main.login{max-width:28rem;margin:3rem auto}label{display:block;margin:.75rem 0 .25rem;font-weight:600}
input{font-size:1.1rem;padding:.6rem;width:100%;box-sizing:border-box;border:1px solid #767676;border-radius:.4rem}
.error{border-left:.3rem solid #b00020;padding-left:.75rem}.n{white-space:nowrap}
@media (max-width:1200px){body{font-size:.92rem;padding:.75rem}th,td{padding:.45rem .4rem}}
</style></head>
<body>${body}</body></html>`;
}

export type LoginNotice = 'wrong' | 'throttled' | 'closed' | 'origin' | 'ended' | null;

const NOTICES: Record<Exclude<LoginNotice, null>, string> = {
  wrong: 'Jeton incorrect.',
  throttled: 'Trop de jetons incorrects : la connexion est suspendue pendant quelques minutes.',
  closed:
    'Page fermée : aucun jeton d’administration n’est configuré sur ce portail (adminToken / PORTAL_ADMIN_TOKEN).',
  origin: 'Requête refusée : elle ne vient pas de cette page.',
  ended: 'Vous êtes déconnecté.',
};

const LOGIN_FORM = `<form method="post" action="${FLEET_LOGIN_PATH}">
<label for="jeton">Jeton d’administration</label>
<input id="jeton" name="jeton" type="password" autocomplete="off" required maxlength="500">
<p><button type="submit">Ouvrir la page de la flotte</button></p></form>`;

/** The token is typed once here; the session then lives in an HttpOnly cookie. */
export function loginPage(notice: LoginNotice, retryMinutes?: number): string {
  const text = notice ? NOTICES[notice] + (retryMinutes ? ` Réessayez dans ${retryMinutes} min.` : '') : '';
  return shell(
    'Flotte des bornes — connexion',
    `<main class="login"><h1>Flotte des bornes</h1>
<p>Réservé au service informatique et aux responsables d’agence : saisissez le jeton d’administration du portail.</p>
${text ? `<p class="${notice === 'ended' ? 'muted' : 'error'}" role="alert">${e(text)}</p>` : ''}
${notice === 'closed' ? '' : LOGIN_FORM}</main>`,
  );
}

const BAD: readonly Problem[] = ['revoked', 'silent', 'refused', 'old_pending'];
const toneOf = (k: FleetKiosk) =>
  k.problems.some((p) => BAD.includes(p)) ? 'bad' : k.problems.length ? 'warn' : k.enrolled ? 'ok' : 'idle';

function kioskCell(k: FleetKiosk): string {
  const tags = k.problems.map(
    (p) => `<span class="tag ${BAD.includes(p) ? 'bad' : 'warn'}">${e(PROBLEM_WORDS[p])}</span>`,
  );
  if (!k.enrolled && !k.revoked) tags.push('<span class="tag idle">En attente d’enrôlement</span>');
  if (tags.length === 0) tags.push(`<span class="tag ok">${k.inService ? 'En service' : 'Enrôlée'}</span>`);
  return `<td>${tags.join('')}<div class="label">${e(k.label)}</div>
<div>Agence <b>${e(k.agencyCode)}</b>${k.version ? ` · version ${e(k.version)}` : ''}</div>
<div class="muted">${e(k.kioskId)}</div></td>`;
}

function heartbeatCell(k: FleetKiosk, now: Date): string {
  const last = k.lastHeartbeatAt ? e(when(k.lastHeartbeatAt, now)) : 'jamais';
  const late =
    k.silentMinutes !== null && k.enrolled && !k.revoked
      ? `<div class="alert">silencieuse depuis ${e(duration(k.silentMinutes))}</div>`
      : '';
  return `<td>${last}${late}</td>`;
}

function outboxCell(k: FleetKiosk, now: Date): string {
  if (!k.outbox) return '<td class="muted">pas encore reçue</td>';
  const lines = OUTBOX_KINDS.flatMap((kind) => {
    const f = k.outbox!.byKind[kind];
    if (!f || f.pending + f.inFlight + f.refused === 0) return [];
    const parts = [`${f.pending} en attente`, `${f.inFlight} en cours`];
    if (f.refused) parts.push(`<span class="alert">${f.refused} refusé${f.refused > 1 ? 's' : ''}</span>`);
    return [`<li>${e(KIND_WORDS[kind])} : ${parts.join(' · ')}</li>`];
  });
  const oldest = k.outbox.oldestPendingAt;
  const age = k.oldestPendingMinutes;
  const oldestLine = oldest
    ? `<li${k.problems.includes('old_pending') ? ' class="alert"' : ''}>plus ancien : ${e(when(oldest, now))}${age !== null ? ` (il y a ${e(duration(age))})` : ''}</li>`
    : '';
  return `<td><b>${k.outboxDepth} à envoyer</b><ul class="figures">${lines.join('') || '<li class="muted">vide</li>'}${oldestLine}</ul></td>`;
}

function refusedCell(k: FleetKiosk): string {
  const codes = Object.entries(k.outbox?.refusedCodes ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (codes.length === 0) return '<td class="muted">aucun</td>';
  return `<td><ul class="figures">${codes.map(([code, n]) => `<li><span class="n"><code>${e(code)}</code> × ${n}</span></li>`).join('')}</ul></td>`;
}

function todayCell(k: FleetKiosk): string {
  if (k.today.length === 0) return '<td class="muted">aucun événement</td>';
  const total = k.today.reduce((n, c) => n + c.n, 0);
  const lines = k.today.map(
    (c) =>
      `<li>${e(SOURCE_WORDS[c.source])} · ${e(EVENT_WORDS[c.event] ?? c.event)} : <span class="n"><code>${e(c.outcome)}</code> × ${c.n}</span></li>`,
  );
  const assisted = k.assistedToday ? ` · ${k.assistedToday} accompagné${k.assistedToday > 1 ? 's' : ''}` : '';
  return `<td><b>${total} événement${total > 1 ? 's' : ''}</b>${assisted}<ul class="figures">${lines.join('')}</ul></td>`;
}

/** Every kiosk, problems first; the page reloads itself every minute. */
export function fleetPage(fleet: FleetKiosk[], now: Date): string {
  const watch = fleet.filter((k) => toneOf(k) === 'bad').length;
  const silent = fleet.filter((k) => k.problems.includes('silent')).length;
  const out = fleet.filter((k) => k.problems.includes('out_of_service')).length;
  const events = fleet.reduce((n, k) => n + k.today.reduce((m, c) => m + c.n, 0), 0);
  const rows = fleet.map(
    (k) => `<tr class="${toneOf(k)}">${kioskCell(k)}${heartbeatCell(k, now)}
<td>${k.lastSyncAt ? e(when(k.lastSyncAt, now)) : 'jamais'}</td>${outboxCell(k, now)}${refusedCell(k)}${todayCell(k)}</tr>`,
  );
  return shell(
    'Flotte des bornes',
    `<header><h1>Flotte des bornes</h1><span class="muted">Mis à jour le ${e(nowWords(now))} (heure de Paris), actualisé chaque minute</span>
<form method="post" action="${FLEET_LOGOUT_PATH}"><button type="submit">Se déconnecter</button></form></header>
<ul class="summary"><li>${fleet.length} borne${fleet.length > 1 ? 's' : ''}</li>
<li${watch ? ' class="bad"' : ''}>${watch} à surveiller</li><li>${silent} silencieuse${silent > 1 ? 's' : ''}</li>
<li>${out} hors service</li><li>${events} événement${events > 1 ? 's' : ''} aujourd’hui</li></ul>
<main><table><thead><tr><th scope="col">Borne</th><th scope="col">Dernier signal</th><th scope="col">Dernière synchronisation</th>
<th scope="col">File d’envoi</th><th scope="col">Codes de refus</th><th scope="col">Aujourd’hui (journal)</th></tr></thead>
<tbody>${rows.join('\n') || '<tr><td colspan="6" class="muted">Aucune borne enregistrée.</td></tr>'}</tbody></table></main>`,
    60,
  );
}
