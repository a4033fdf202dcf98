"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, type ReactNode } from "react";
import { afterFirstContent } from "./after-first-content";

/**
 * A header link that prefetches its route as a Next.js `<Link>` does (same kind of prefetch), but
 * only once the page's first content is drawn (see after-first-content.ts), not right after
 * hydration, where five prefetches competed with the grid's first rows.
 */
export function NavLink({ href, className, children }: { href: string; className?: string; children: ReactNode }) {
  const router = useRouter();
  useEffect(() => afterFirstContent(() => router.prefetch(href)), [router, href]);
  return (
    <Link href={href} prefetch={false} className={className}>
      {children}
    </Link>
  );
}
