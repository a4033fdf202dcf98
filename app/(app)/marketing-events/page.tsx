import { Suspense } from "react";
import { EventsView } from "@/components/marketing-events/events-view";
import { requireSession } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function MarketingEventsPage() {
  const session = await requireSession();
  return (
    <Suspense>
      <EventsView portalId={session.connection.portalId} userId={session.user.id} />
    </Suspense>
  );
}
