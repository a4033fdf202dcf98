import { NextResponse } from "next/server";
import { beginSignIn } from "@/lib/auth/sign-in";
import { requestOrigin } from "@/lib/auth/request-origin";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  const url = await beginSignIn(requestOrigin(req), new URL(req.url).searchParams.get("returnTo"));
  return NextResponse.redirect(url, 302);
}
