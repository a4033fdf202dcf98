import { NextResponse } from "next/server";
import { signOut } from "@/lib/auth/sign-in";
import { rejectCrossSite, requestOrigin } from "@/lib/auth/request-origin";

export const dynamic = "force-dynamic";

/** POST only (a form button), so that a link or prefetch can never sign the user out; and only from our pages. */
export async function POST(req: Request) {
  const refused = rejectCrossSite(req);
  if (refused) return refused;
  await signOut();
  return NextResponse.redirect(new URL("/?signedOut=1", requestOrigin(req)), 303);
}
