import { redirect } from "next/navigation";
import { getSession } from "@/lib/auth/session";
import { safeReturnTo } from "@/lib/auth/sign-in";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { hubspotTarget } from "@/lib/hubspot/target";

export const dynamic = "force-dynamic";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const params = await searchParams;
  const session = await getSession();
  if (session && session.connection.status === "active" && !params.error) redirect(safeReturnTo(params.returnTo));
  const target = hubspotTarget();
  // Only fixed messages: `?error=` is a code anyone can put in a link. An ended connection's reason
  // comes from the database (why HubSpot stopped accepting it), never from the URL.
  const ended =
    params.error === "reauth" && session && session.connection.status !== "active"
      ? session.connection.statusReason
      : null;
  const error = ended ?? signInErrorMessage(params.error);
  const href = `/api/auth/signin?returnTo=${encodeURIComponent(safeReturnTo(params.returnTo))}`;
  return (
    <main className="mx-auto flex min-h-full max-w-lg flex-col justify-center gap-6 p-8">
      <div>
        <h1 className="text-3xl font-semibold">Batchboard</h1>
        <p className="mt-2 text-slate-600">
          Edit HubSpot campaigns, marketing events and CRM records in a spreadsheet grid, submit them as batches, and
          see what happened to every row.
        </p>
      </div>
      {error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-800">
          {error}
        </p>
      )}
      {params.signedOut && !params.error && (
        <p role="status" className="rounded border border-slate-300 bg-white p-3">
          You are signed out.
        </p>
      )}
      <a
        href={href}
        className="inline-flex w-fit items-center rounded-md bg-brand-dark px-5 py-2.5 font-medium text-white shadow hover:bg-orange-800"
      >
        Sign in with HubSpot
      </a>
      {target.kind === "sandbox" && (
        <p className="text-sm text-slate-500">
          No HubSpot app is configured, so this dashboard uses the local HubSpot sandbox at {target.apiBase}. See the
          README to connect a real HubSpot app.
        </p>
      )}
    </main>
  );
}
