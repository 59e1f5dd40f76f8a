/** Human formats shared by the CSV and PDF exports (dates as in seed 002's sample: "May 18, 2016", "6:00 pm – 7:00 pm"). */
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${MONTHS[m - 1]} ${d}, ${y}`;
}

function clock(totalMinutes: number): string {
  const minutes = ((totalMinutes % 1440) + 1440) % 1440;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${h % 12 === 0 ? 12 : h % 12}:${String(m).padStart(2, '0')} ${h < 12 ? 'am' : 'pm'}`;
}

/** "6:00 pm – 7:00 pm" from a start time (HH:MM) and a duration; the duration alone when the start is unknown. */
export function timeRange(startTime: string | null, durationMinutes: number | null): string {
  const match = startTime ? /^(\d{1,2}):(\d{2})/.exec(startTime) : null;
  if (!match || durationMinutes === null) return durationMinutes === null ? '' : `${durationMinutes} min`;
  const start = Number(match[1]) * 60 + Number(match[2]);
  return `${clock(start)} – ${clock(start + durationMinutes)}`;
}

export function formatHours(hours: number): string {
  return (Math.round(hours * 100) / 100).toFixed(2);
}

export function formatInstant(value: Date | string | null): string {
  if (!value) return '';
  const d = new Date(value);
  return `${formatDay(d.toISOString().slice(0, 10))} ${d.toISOString().slice(11, 16)} UTC`;
}
