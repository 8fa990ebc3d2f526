import type { Harness } from './harness';

export const FLEET = '/admin/flotte';
export const ADMIN_TOKEN = 'jeton-admin-de-la-flotte-0123456789';

export interface PageAnswer {
  status: number;
  text: string;
  headers: Headers;
  /** `name=value` of the first Set-Cookie, as a browser would send it back. */
  cookie: string | null;
}

async function answer(response: Response): Promise<PageAnswer> {
  const set = response.headers.getSetCookie()[0];
  return {
    status: response.status,
    text: await response.text(),
    headers: response.headers,
    cookie: set ? set.split(';')[0]! : null,
  };
}

/** The login form as a browser posts it from the page: urlencoded, with the page's Origin. */
export async function postForm(
  base: string,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = { origin: base },
): Promise<PageAnswer> {
  return answer(
    await fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    }),
  );
}

export const fleetLogin = (base: string, token = ADMIN_TOKEN, headers?: Record<string, string>) =>
  postForm(base, `${FLEET}/connexion`, { jeton: token }, headers);

export async function getFleet(base: string, headers: Record<string, string> = {}): Promise<PageAnswer> {
  return answer(await fetch(base + FLEET, { headers, redirect: 'manual' }));
}

/** A kiosk created with its own label and enrolled through the real API. */
export async function enrolNamed(h: Harness, agencyCode: string, label: string) {
  const { enrolmentCode } = await h.portal.createKiosk(agencyCode, label);
  const r = await h.call('POST', '/v1/kiosks/enrol', { body: { enrolmentCode } });
  if (r.status !== 201) throw new Error(`enrolment failed: ${JSON.stringify(r.body)}`);
  return { kioskId: r.body.value.kioskId as string, credential: r.body.value.credential as string };
}
