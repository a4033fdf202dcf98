/**
 * Why a sign-in ended on the sign-in page, as a fixed code in `/?error=<code>`. The page shows only
 * these messages, never text from the URL: a link could otherwise put any words (a fake "call
 * support at …") on our page.
 */
export const SIGN_IN_ERRORS = {
  no_state: "The sign-in response from HubSpot was incomplete. Please start again.",
  expired: "This sign-in attempt expired or was already used. Please start again.",
  other_browser:
    "This sign-in was not started in this browser (or its 10 minutes ran out), so it was refused. Please start again here.",
  access_denied: "Access was not granted in HubSpot, so Batchboard cannot read or edit your campaigns.",
  refused: "HubSpot refused the sign-in. Please try again.",
  failed: "Signing in with HubSpot failed. Please try again.",
  /** The connection ended (revoked, signed out elsewhere); the page shows the stored reason when it has one. */
  reauth: "Your HubSpot connection has ended. Please sign in again.",
} as const;

export type SignInErrorCode = keyof typeof SIGN_IN_ERRORS;

const GENERIC = "Signing in did not work. Please try again.";

/** The message for `?error=`: a known code's, a generic one for anything else, null without one. */
export function signInErrorMessage(code: string | undefined | null): string | null {
  if (!code) return null;
  return Object.hasOwn(SIGN_IN_ERRORS, code) ? SIGN_IN_ERRORS[code as SignInErrorCode] : GENERIC;
}
