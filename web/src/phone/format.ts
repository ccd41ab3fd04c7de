/** A Spanish number as people read it ("950 183 313"); other numbers as given. */
export function displayPhone(e164: string): string {
  const m = /^\+34(\d{3})(\d{3})(\d{3})$/.exec(e164);
  return m ? `${m[1]} ${m[2]} ${m[3]}` : e164;
}
