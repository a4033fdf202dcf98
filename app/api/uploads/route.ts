import { NextResponse } from "next/server";
import { rejectCrossSite } from "@/lib/auth/request-origin";
import { getSession } from "@/lib/auth/session";
import { receiveUpload } from "@/lib/uploads/receive-upload";
import { actorOf } from "@/lib/auth/actor";

export const dynamic = "force-dynamic";

/**
 * POST the file itself as the body (x-file-name: its name, URI-encoded). Answers { id } of the new
 * upload, or { code, message } saying why the file cannot be imported (lib/uploads/receive-upload.ts).
 */
export async function POST(req: Request) {
  const refused = rejectCrossSite(req);
  if (refused) return refused;
  const session = await getSession();
  if (!session || session.connection.status !== "active")
    return NextResponse.json(
      { code: "reauth", message: "Your session has ended. Sign in again, then upload the file again." },
      { status: 401 },
    );
  const answer = await receiveUpload(actorOf(session), req.body, req.headers.get("x-file-name"));
  return NextResponse.json(answer.body, { status: answer.status });
}
