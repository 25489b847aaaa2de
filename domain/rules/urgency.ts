// How lists order and mark deadlines: the nearest first, and what is due within the hour marked
// (the 待我处理 view, the incident list). The pages colour it live from `DUE_SOON_MINUTES` in /api/meta.

/** "due soon": within the hour */
export const DUE_SOON_MINUTES = 60;

/** Earliest due first; what has no deadline after everything that has one. */
export function compareDue(a: string | undefined, b: string | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  return Date.parse(a) - Date.parse(b);
}
