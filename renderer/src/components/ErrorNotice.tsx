import type { ReactNode } from 'react';

interface ErrorNoticeProps {
  message: string | null;
  details?: readonly string[];
  children?: ReactNode;
}

/** The host's message for a refused request, as the operator should read it. */
export function ErrorNotice({ message, details = [], children }: ErrorNoticeProps) {
  if (!message) return null;
  return (
    <div className="notice notice-error" role="alert" data-testid="error-notice">
      <p>{message}</p>
      {details.length > 0 ? (
        <ul>
          {details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      ) : null}
      {children}
    </div>
  );
}
