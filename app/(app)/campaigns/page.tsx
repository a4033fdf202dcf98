import { headers } from "next/headers";
import { Suspense } from "react";
import { CampaignsView } from "@/components/campaigns/campaigns-view";
import { actorOf } from "@/lib/auth/actor";
import { requireSession } from "@/lib/auth/session";
import { startFirstCampaignPage } from "@/lib/campaigns/first-page";
import { viewQueryFromParams } from "@/lib/records/filters";

export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;

export default async function CampaignsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const session = await requireSession();
  // Only when the browser loads the document: it has no list yet and its JavaScript has yet to
  // start. A client navigation (a filter or sort change re-renders this page too) reads through the
  // grid's own query, which may well be cached already.
  const isDocument = (await headers()).get("sec-fetch-dest") === "document";
  const firstPage = isDocument
    ? startFirstCampaignPage(actorOf(session), viewQueryFromParams(toParams(await searchParams)).query)
    : undefined;
  return (
    <Suspense>
      <CampaignsView portalId={session.connection.portalId} userId={session.user.id} firstPage={firstPage} />
    </Suspense>
  );
}

function toParams(sp: SearchParams): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) for (const one of [v ?? []].flat()) params.append(k, one);
  return params;
}
