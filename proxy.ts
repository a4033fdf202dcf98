import { NextResponse, type NextRequest } from "next/server";

/**
 * Passes the requested path and query to server components, so that a page that has to send the
 * user to sign in can bring them back to exactly where they were. Not an auth check: pages and
 * actions check the session themselves.
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-pathname", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico).*)"],
};
