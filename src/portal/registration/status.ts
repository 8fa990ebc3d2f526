import { emailKey } from '../../shared/rules/email';
import { findAccountByEmailKey } from '../accounts/store';
import type { KioskPrincipal, PortalContext } from '../context';
import { ApiError } from '../http/errors';

/**
 * Lets the kiosk where a tenant registered show "activated" when the link was opened on a phone.
 * Only that kiosk's own registrations are answered, so the route cannot tell who has an account.
 */
export async function registrationStatus(ctx: PortalContext, kiosk: KioskPrincipal, email: string) {
  const account = await findAccountByEmailKey(ctx.db, emailKey(email));
  if (!account || account.createdByKiosk !== kiosk.id) throw new ApiError('not_found');
  return { status: account.status === 'active' ? ('active' as const) : ('pending_activation' as const) };
}
