import "server-only";
import { ExpectedActionError } from "../actions/result";
import { actorOf } from "../auth/actor";
import type { Session } from "../auth/session";
import { bulkEditView, type BulkEditView } from "./view";

/** The dry-run page's one call: the bulk edit as its starter sees it, or null (not found, or another user's). */
export async function bulkEditPageData(session: Session, id: string): Promise<BulkEditView | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  try {
    return await bulkEditView(actorOf(session), id);
  } catch (err) {
    if (err instanceof ExpectedActionError) return null;
    throw err;
  }
}
