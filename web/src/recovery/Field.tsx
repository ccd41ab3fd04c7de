import type { InputHTMLAttributes, ReactNode } from 'react';

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  id: string;
  label: string;
  hint?: string | undefined;
  /** The field's error: linked to the input, which is marked invalid, and announced (the form repeats it nowhere else). */
  error?: string | undefined;
}

/** A labelled input with its hint and error tied to it by `aria-describedby`. */
export function Field({ id, label, hint, error, ...input }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="field recovery-field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      <input id={id} aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined} aria-invalid={error ? true : undefined} {...input} />
      {error && (
        <p id={errorId} className="recovery-field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** The form's error, announced by screen readers as soon as it appears (role="alert"). */
export function FormError({ children }: { children: ReactNode }) {
  return (
    <div className="notice notice--error recovery-error" role="alert">
      <p>{children}</p>
    </div>
  );
}
