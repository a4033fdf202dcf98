import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/layout/app-header";
import { PortalScope } from "@/components/server-state/portal-scope";
import { getSession } from "@/lib/auth/session";
import { failedItemCount } from "@/lib/failed-items/store";
import { hubspotTarget } from "@/lib/hubspot/target";

export const dynamic = "force-dynamic";

/** Every page inside needs a signed-in user with a live HubSpot connection. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const session = await getSession();
  const path = (await headers()).get("x-pathname") ?? "/campaigns";
  if (!session) redirect(`/?returnTo=${encodeURIComponent(path)}`);
  if (session.connection.status !== "active") {
    // A code, not the reason: the sign-in page reads the reason from the session itself.
    redirect(`/?returnTo=${encodeURIComponent(path)}&error=reauth`);
  }
  const target = hubspotTarget();
  const wanted = [...target.scopes, ...target.optionalScopes];
  return (
    <PortalScope portalId={session.connection.portalId}>
      <div className="flex h-full flex-col">
        <AppHeader
          portalId={session.connection.portalId}
          hubDomain={session.connection.hubDomain}
          email={session.user.email}
          scopes={session.connection.scopes}
          missingScopes={wanted.filter((s) => !session.connection.scopes.includes(s))}
          sandbox={target.kind === "sandbox"}
          failedItems={await failedItemCount(session.connection.portalId)}
        />
        <main className="flex min-h-0 flex-1 flex-col">{children}</main>
      </div>
    </PortalScope>
  );
}
