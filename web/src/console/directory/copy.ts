/**
 * Copies `text` to the clipboard: the Clipboard API where the page may use it (a secure context,
 * as the console always is in production), else a selected hidden field and the copy command.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // permission refused or not focused: try the old way below
  }
  const field = document.createElement('textarea');
  field.value = text;
  field.setAttribute('readonly', '');
  field.style.position = 'fixed';
  field.style.opacity = '0';
  document.body.appendChild(field);
  field.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    field.remove();
  }
}

/** What is copied of a number: as dialled, without the spaces of the leaflet ("+34 950 21 01 91" → "+34950210191"). */
export const dialable = (display: string): string => display.replace(/\s+/g, '');
