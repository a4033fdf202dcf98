/**
 * Text folding shared by header matching, option lookup and boolean words, so "Prénom", "PRENOM"
 * and "prenom" are one word everywhere. NFKD splits "é" into "e" + a combining accent, which is
 * then dropped; ß has no decomposition, so it is spelled out as German does in capitals.
 */
export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * A header or property name reduced to letters and digits: "E-mail Address", "email_address" and
 * "Email address" all become "emailaddress". Templates store headers in this form.
 */
export function normalizeHeader(text: string): string {
  return foldText(text).replace(/[^\p{L}\p{N}]+/gu, "");
}

/** A value quoted for an error message, shortened so one odd cell cannot flood the summary. */
export function quote(value: string): string {
  const oneLine = value.replace(/\s+/g, " ").trim();
  return `“${oneLine.length > 60 ? `${oneLine.slice(0, 57)}…` : oneLine}”`;
}
