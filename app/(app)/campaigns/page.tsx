import { Suspense } from "react";
import { CampaignsView } from "@/components/campaigns/campaigns-view";
import { requireSession } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function CampaignsPage() {
  const session = await requireSession();
  return (
    <Suspense>
      <CampaignsView portalId={session.connection.portalId} userId={session.user.id} />
    </Suspense>
  );
}
