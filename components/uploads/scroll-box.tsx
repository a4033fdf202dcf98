import type { ReactNode } from "react";

/** A long table kept to a height; focusable, so keyboard users can scroll it too. */
export function ScrollBox({
  label,
  className = "max-h-96",
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div
      tabIndex={0}
      role="region"
      aria-label={label}
      className={`overflow-auto rounded focus-visible:outline-2 focus-visible:outline-blue-600 ${className}`}
    >
      {children}
    </div>
  );
}
