import type { InputHTMLAttributes, ReactNode } from 'react';

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'children'> {
  id: string;
  label: string;
  hint?: string | undefined;
  /** A field-level error: announced, linked to the input and marking it invalid. */
  error?: string | undefined;
  /** Extra content under the input (the strength meter), linked as a description. */
  after?: ReactNode;
  afterId?: string;
}

/** A labelled input with its hint and error tied to it by `aria-describedby`. */
export function Field({ id, label, hint, error, after, afterId, ...input }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const described = [hintId, afterId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field bank-field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      <input id={id} aria-describedby={described} aria-invalid={error ? true : undefined} {...input} />
      {after}
      {error && (
        <p id={errorId} className="bank-field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** A form-level error, announced as soon as it appears. */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="notice notice--error bank-error" role="alert">
      {message}
    </p>
  );
}
