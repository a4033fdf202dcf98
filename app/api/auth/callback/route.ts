import { NextResponse } from "next/server";
import { completeSignIn, SignInError } from "@/lib/auth/sign-in";
import { requestOrigin } from "@/lib/auth/request-origin";
import { resumeAfterReconnect } from "@/lib/submissions/resume";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  const origin = requestOrigin(req);
  const incoming = new URL(req.url);
  // Rebuild the callback URL on the origin the browser used (req.url may carry the bind address).
  const callbackUrl = new URL(`${origin}${incoming.pathname}${incoming.search}`);
  try {
    // Submissions paused because this connection's access was revoked go on now that it works again.
    const returnTo = await completeSignIn(callbackUrl, {
      afterConnect: (connectionId) => resumeAfterReconnect(connectionId),
    });
    return NextResponse.redirect(new URL(returnTo, origin), 303);
  } catch (err) {
    if (!(err instanceof SignInError)) console.error("[auth] callback failed", err);
    // A fixed code: the sign-in page shows its own message for it, never text from the URL.
    const to = new URL("/", origin);
    to.searchParams.set("error", err instanceof SignInError ? err.code : "failed");
    return NextResponse.redirect(to, 303);
  }
}
