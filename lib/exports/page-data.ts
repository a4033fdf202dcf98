import "server-only";
import { actorOf } from "../auth/actor";
import type { Session } from "../auth/session";
import { recentExports } from "./service";

/** The exports page: the signed-in user's latest exports on this portal (only they can download them). */
export async function exportsPageData(session: Session) {
  return { exports: await recentExports(actorOf(session)) };
}
