/** A list of links that open outside the app, each shown without its `https://`. */

/** Props of ExternalLinks. */
export interface ExternalLinksProps {
  /** The addresses. */
  readonly links: readonly string[];
  /** The list's accessible name, if it has one. */
  readonly label?: string;
}

/** Renders the links, or nothing when there are none. Electron routes them to the system browser through its allowlist. */
export function ExternalLinks({ links, label }: ExternalLinksProps) {
  if (links.length === 0) return null;
  return (
    <ul className="links" aria-label={label}>
      {links.map((link) => (
        <li key={link}>
          <a href={link} target="_blank" rel="noreferrer noopener">
            {link.replace(/^https:\/\//, '')}
          </a>
        </li>
      ))}
    </ul>
  );
}
