/** Current time as the fixed-width ISO-8601 UTC string the database stores. */
export function isoNow(): string {
  return new Date().toISOString();
}

/** Shifts an ISO time by a number of hours (negative for the past). */
export function isoHoursFrom(iso: string, hours: number): string {
  return new Date(Date.parse(iso) + hours * 3_600_000).toISOString();
}

/** Whether text is a real calendar date written YYYY-MM-DD (2026-02-31 is not). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The same calendar day `years` later, as YYYY-MM-DD text (a 29 February start compares correctly as text). */
export function yearsLater(day: string, years: number): string {
  return `${String(Number(day.slice(0, 4)) + years).padStart(4, '0')}${day.slice(4)}`;
}
