import type { Session } from "./session";

/**
 * Who a service acts as: the user and the HubSpot connection whose grant it uses. A request has it
 * from its session (`actorOf`); a job reads it from the database for the user who started the work.
 * Services take an Actor, never a Session, so a job never has to fabricate a session.
 */
export interface Actor {
  userId: string;
  connection: Session["connection"];
}

export const actorOf = (session: Pick<Session, "user" | "connection">): Actor => ({
  userId: session.user.id,
  connection: session.connection,
});
