import { notFound } from "next/navigation";
import { Suspense } from "react";
import { CrmView } from "@/components/crm/crm-view";
import { requireSession } from "@/lib/auth/session";
import { crmObjectTypes } from "@/lib/crm/offered-types";

export const dynamic = "force-dynamic";

export default async function CrmRecordsPage({ params }: { params: Promise<{ objectType: string }> }) {
  const { objectType } = await params;
  const session = await requireSession();
  const types = crmObjectTypes();
  const current = types.find((t) => t.objectType.toLowerCase() === decodeURIComponent(objectType).toLowerCase());
  if (!current) notFound();
  return (
    <Suspense>
      <CrmView portalId={session.connection.portalId} userId={session.user.id} objectTypes={types} objectType={current.objectType} />
    </Suspense>
  );
}
