import { NextResponse } from "next/server";
import { signOut } from "@/lib/auth/sign-in";
import { requestOrigin } from "@/lib/auth/request-origin";

export const dynamic = "force-dynamic";

/** POST only (a form button), so that a link or prefetch can never sign the user out. */
export async function POST(req: Request) {
  await signOut();
  return NextResponse.redirect(new URL("/?signedOut=1", requestOrigin(req)), 303);
}
