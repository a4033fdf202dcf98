import { Suspense } from "react";
import { CampaignsView } from "@/components/campaigns/campaigns-view";
import { getSession } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function CampaignsPage() {
  // The layout has already required a session; this only reads which portal's data to show.
  const session = await getSession();
  return (
    <Suspense>
      <CampaignsView portalId={session!.connection.portalId} userId={session!.user.id} />
    </Suspense>
  );
}
