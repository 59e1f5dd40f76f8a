/**
 * A time-zone picker: every IANA zone the browser knows, each with its current UTC offset, the browser's own zone
 * proposed first (the default at registration). The value is the IANA name identity stores (America/Toronto).
 */
import { useMemo } from 'react';
import { useLocale } from './i18n/locale';

/**
 * The zone the browser runs in, as it names it (Etc/GMT-14, Asia/Kolkata: identity accepts every IANA name a browser
 * reports, not only those in the runtime's list below); UTC when it cannot tell (ICU's Etc/Unknown).
 */
export const browserTimeZone = (): string => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && zone !== 'Etc/Unknown' ? zone : 'UTC';
};

/** All zones the browser knows, with UTC. */
const zones = (): string[] => [...new Set([...Intl.supportedValuesOf('timeZone'), 'UTC'])].sort();

/** "America/Port_of_Spain" → "America / Port of Spain (GMT-4)", in the reader's language. */
function zoneLabel(zone: string, locale: string, at: Date): string {
  const offset =
    new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'shortOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? '';
  return `${zone.replaceAll('_', ' ').replaceAll('/', ' / ')}${offset ? ` (${offset})` : ''}`;
}

export function TimeZoneSelect({
  id,
  value,
  onChange,
  invalid,
  disabled,
}: {
  id: string;
  value: string;
  onChange: (zone: string) => void;
  invalid?: boolean;
  disabled?: boolean;
}) {
  const { locale } = useLocale();
  const options = useMemo(() => {
    const now = new Date();
    const here = browserTimeZone();
    const all = zones();
    const list = [here, ...all.filter((z) => z !== here)];
    if (value && !list.includes(value)) list.unshift(value);
    return list.map((z) => ({ zone: z, label: zoneLabel(z, locale, now) }));
  }, [locale, value]);
  return (
    <select
      id={id}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-invalid={invalid || undefined}
      aria-describedby={invalid ? `${id}-error` : undefined}
      disabled={disabled}
    >
      {!value && <option value="" />}
      {options.map((o) => (
        <option key={o.zone} value={o.zone}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
