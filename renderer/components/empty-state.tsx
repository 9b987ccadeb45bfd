/** A screen's placeholder when it has nothing to show yet. */

/** Props of EmptyState. */
export interface EmptyStateProps {
  /** Heading. */
  readonly title: string;
  /** One or two sentences. */
  readonly body: string;
}

/** Renders the empty state. */
export function EmptyState({ title, body }: EmptyStateProps) {
  return (
    <div className="empty-state">
      <h2>{title}</h2>
      <p>{body}</p>
    </div>
  );
}
