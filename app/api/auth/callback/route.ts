import { NextResponse } from "next/server";
import { completeSignIn, SignInError } from "@/lib/auth/sign-in";
import { requestOrigin } from "@/lib/auth/request-origin";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  const origin = requestOrigin(req);
  const incoming = new URL(req.url);
  // Rebuild the callback URL on the origin the browser used (req.url may carry the bind address).
  const callbackUrl = new URL(`${origin}${incoming.pathname}${incoming.search}`);
  try {
    const returnTo = await completeSignIn(callbackUrl);
    return NextResponse.redirect(new URL(returnTo, origin), 303);
  } catch (err) {
    const message = err instanceof SignInError ? err.message : "Signing in with HubSpot failed. Please try again.";
    if (!(err instanceof SignInError)) console.error("[auth] callback failed", err);
    const to = new URL("/", origin);
    to.searchParams.set("error", message);
    return NextResponse.redirect(to, 303);
  }
}
