/** What applying one record did. */
export type Outcome = 'created' | 'updated' | 'unchanged';
