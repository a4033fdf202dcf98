import { notFound } from "next/navigation";
import { Suspense } from "react";
import { CrmView } from "@/components/crm/crm-view";
import { requireSession } from "@/lib/auth/session";
import { crmPageData } from "@/lib/crm/page-data";

export const dynamic = "force-dynamic";

export default async function CrmRecordsPage({ params }: { params: Promise<{ objectType: string }> }) {
  const { objectType } = await params;
  const data = crmPageData(await requireSession(), objectType);
  if (!data) notFound();
  return (
    <Suspense>
      <CrmView {...data} />
    </Suspense>
  );
}
