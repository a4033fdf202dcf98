import { FailedItemsLink } from "./failed-items-link";
import { NavLink } from "./nav-link";

interface Props {
  portalId: number;
  hubDomain: string;
  email: string;
  scopes: string[];
  missingScopes: string[];
  sandbox: boolean;
  /** Unresolved failed rows of the portal: the "Failed items" link's count. */
  failedItems: number;
}

/** Who is signed in, to which portal, with which access; and how to fix missing access. */
export function AppHeader({ portalId, hubDomain, email, scopes, missingScopes, sandbox, failedItems }: Props) {
  return (
    <header className="flex flex-wrap items-center gap-x-6 gap-y-2 border-b border-slate-200 bg-white px-4 py-2">
      <NavLink href="/campaigns" className="text-lg font-semibold">
        Batchboard
      </NavLink>
      <nav aria-label="Main">
        <NavLink href="/campaigns" className="rounded px-2 py-1 text-sm font-medium hover:bg-slate-100">
          Campaigns
        </NavLink>
        <NavLink href="/marketing-events" className="rounded px-2 py-1 text-sm font-medium hover:bg-slate-100">
          Marketing events
        </NavLink>
        <NavLink href="/crm/contacts" className="rounded px-2 py-1 text-sm font-medium hover:bg-slate-100">
          CRM records
        </NavLink>
        <NavLink href="/uploads" className="rounded px-2 py-1 text-sm font-medium hover:bg-slate-100">
          Uploads
        </NavLink>
        <FailedItemsLink initial={failedItems} />
        <NavLink href="/submissions" className="rounded px-2 py-1 text-sm font-medium hover:bg-slate-100">
          Submission history
        </NavLink>
      </nav>
      <div className="ml-auto flex flex-wrap items-center gap-4 text-sm">
        <section aria-label="Connected portal" className="flex items-center gap-2">
          <span className="font-medium">{hubDomain}</span>
          <span className="text-slate-500">Hub ID {portalId}</span>
          {sandbox && (
            <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">Sandbox</span>
          )}
        </section>
        <details className="relative">
          <summary className="cursor-pointer select-none text-slate-600">
            {scopes.length} scopes granted{missingScopes.length > 0 && `, ${missingScopes.length} missing`}
          </summary>
          <div className="absolute right-0 z-20 mt-2 w-80 rounded-md border border-slate-200 bg-white p-3 shadow-lg">
            <h2 className="text-xs font-semibold uppercase text-slate-500">Granted</h2>
            <ul aria-label="Granted scopes" className="mt-1 max-h-48 overflow-auto font-mono text-xs">
              {scopes.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
            {missingScopes.length > 0 && (
              <>
                <h2 className="mt-3 text-xs font-semibold uppercase text-slate-500">Not granted</h2>
                <p className="mt-1 text-xs text-slate-600">
                  Features that need these stay unavailable until you reconnect and grant them.
                </p>
                <ul aria-label="Missing scopes" className="mt-1 font-mono text-xs text-red-700">
                  {missingScopes.map((s) => (
                    <li key={s}>{s}</li>
                  ))}
                </ul>
                <a
                  href="/api/auth/signin"
                  className="mt-2 inline-block rounded bg-slate-900 px-2 py-1 text-xs text-white"
                >
                  Reconnect HubSpot
                </a>
              </>
            )}
          </div>
        </details>
        <span aria-label="Signed in as">{email}</span>
        <form action="/api/auth/signout" method="post">
          <button type="submit" className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100">
            Sign out
          </button>
        </form>
      </div>
    </header>
  );
}
