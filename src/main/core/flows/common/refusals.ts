import { portalRoutes, type PortalRouteName } from '../../../../shared/portal-api/routes';
import type { PortalErrorCode } from '../../../../shared/portal-api/errors';

/**
 * The refusals a flow expects from a portal route: the route's error list in the portal contract,
 * plus `invalid_input` where the flow sends a body the portal may check more strictly than the
 * kiosk did, minus the codes the flow handles before it maps a refusal. Any other refusal is not
 * the tenant's to fix (`portal_unreachable`); a code added to a route reaches the flow from here.
 */
export function expectedRefusals(
  route: PortalRouteName,
  options: { input?: boolean; except?: readonly PortalErrorCode[] } = {},
): ReadonlySet<string> {
  const codes = new Set<string>(portalRoutes[route].errors);
  if (options.input) codes.add('invalid_input');
  for (const code of options.except ?? []) codes.delete(code);
  return codes;
}
