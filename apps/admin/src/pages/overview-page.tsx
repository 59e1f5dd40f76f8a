/**
 * Overview: programme KPIs and charts from reporting's programmeStats, filtered by programme, organisation and
 * period, every figure it fetches shown (enrolment, matching, requests, relationships, meetings, satisfaction) and
 * broken down per programme and per organisation. A coach's figures are their organisation's (reporting scopes
 * them); the export holds the same rows: the total, each month, each programme, each organisation.
 */
import { useMemo, useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useClient, useQuery } from 'urql';
import { useAuth, hasAnyRole, Empty, ErrorState, Field, QueryState, DateInput } from '@tandem/ui';
import { formatNumber, useT, type MessageId } from '../i18n/locale';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { ExportMenu } from '../export/export-menu';
import type { ExportColumn } from '../export/table-export';

const FiltersQuery = graphql(`
  query OverviewFilters {
    programmes(first: 50) {
      edges {
        node {
          id
          name
        }
      }
    }
    organizationsConnection(first: 50) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

const StatsFields = graphql(`
  fragment OverviewStats on ProgramStats @_unmask {
    groupKey
    groupLabel
    matches
    menteesEnrolled
    mentorsEnrolled
    matchRate
    medianDaysToMatch
    p90DaysToMatch
    relationshipsStarted
    activeRelationships
    relationshipsCompleted
    relationshipsWithdrawn
    termsMetShare
    meetingsConfirmed
    hoursConfirmed
    goalsAchieved
    requestsSent
    requestsAccepted
    requestsDeclined
    requestsExpired
    feedbackAverage
    feedbackResponses
  }
`);

const StatsQuery = graphql(
  `
    query OverviewStats($from: LocalDate!, $to: LocalDate!, $filter: ProgramStatsFilter) {
      total: programmeStats(from: $from, to: $to, filter: $filter) {
        ...OverviewStats
      }
      monthly: programmeStats(from: $from, to: $to, filter: $filter, groupBy: MONTH) {
        ...OverviewStats
      }
      byProgramme: programmeStats(from: $from, to: $to, filter: $filter, groupBy: PROGRAMME) {
        ...OverviewStats
      }
      byOrganisation: programmeStats(from: $from, to: $to, filter: $filter, groupBy: ORGANIZATION) {
        ...OverviewStats
      }
    }
  `,
  [StatsFields],
);

type Stats = ResultOf<typeof StatsQuery>['total'][number];
type Breakdown = 'Total' | 'Month' | 'Programme' | 'Organisation';
type StatsRow = Stats & { breakdown: Breakdown };

const share = (x: number | null | undefined) => (x == null ? null : Math.round(x * 1000) / 10);

const BREAKDOWN_LABELS: Record<Breakdown, MessageId> = {
  Total: 'over.breakdown.total',
  Month: 'over.month',
  Programme: 'common.programme',
  Organisation: 'col.organisation',
};

/** The export's columns: every figure the page fetches, for each row of each breakdown, in the reader's language. */
const statsColumns = (t: ReturnType<typeof useT>): ExportColumn<StatsRow>[] => [
  { header: t('over.col.breakdown'), value: (r) => t(BREAKDOWN_LABELS[r.breakdown]) },
  {
    header: t('over.col.group'),
    value: (r) => (r.groupKey === 'NONE' ? t('over.outsideAnyGroup') : r.groupLabel || r.groupKey),
  },
  { header: t('over.menteesEnrolled'), value: (r) => r.menteesEnrolled, kind: 'number' },
  { header: t('over.mentorsEnrolled'), value: (r) => r.mentorsEnrolled, kind: 'number' },
  { header: t('over.matches'), value: (r) => r.matches, kind: 'number' },
  { header: t('over.col.matchRate'), value: (r) => share(r.matchRate), kind: 'number' },
  { header: t('over.medianDays'), value: (r) => r.medianDaysToMatch, kind: 'number' },
  { header: t('over.p90Days'), value: (r) => r.p90DaysToMatch, kind: 'number' },
  { header: t('over.requestsSent'), value: (r) => r.requestsSent, kind: 'number' },
  { header: t('over.requestsAccepted'), value: (r) => r.requestsAccepted, kind: 'number' },
  { header: t('over.requestsDeclined'), value: (r) => r.requestsDeclined, kind: 'number' },
  { header: t('over.requestsExpired'), value: (r) => r.requestsExpired, kind: 'number' },
  { header: t('over.relationshipsStarted'), value: (r) => r.relationshipsStarted, kind: 'number' },
  { header: t('over.activeRelationships'), value: (r) => r.activeRelationships, kind: 'number' },
  { header: t('over.relationshipsCompleted'), value: (r) => r.relationshipsCompleted, kind: 'number' },
  { header: t('over.relationshipsWithdrawn'), value: (r) => r.relationshipsWithdrawn, kind: 'number' },
  { header: t('over.col.termsMet'), value: (r) => share(r.termsMetShare), kind: 'number' },
  { header: t('over.meetingsConfirmed'), value: (r) => r.meetingsConfirmed, kind: 'number' },
  { header: t('over.hoursConfirmed'), value: (r) => Math.round(r.hoursConfirmed * 10) / 10, kind: 'number' },
  { header: t('over.goalsAchieved'), value: (r) => r.goalsAchieved, kind: 'number' },
  { header: t('over.feedbackResponses'), value: (r) => r.feedbackResponses, kind: 'number' },
  { header: t('over.col.satisfaction'), value: (r) => r.feedbackAverage, kind: 'number' },
];

const byLabel = (a: Stats, b: Stats) => a.groupLabel.localeCompare(b.groupLabel);

const iso = (d: Date) => d.toISOString().slice(0, 10);
function periodOf(months: number): { from: string; to: string } {
  const to = new Date();
  const from = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - months + 1, 1));
  return { from: iso(from), to: iso(to) };
}

const COLORS = { active: '#0b5fa5', completed: '#1e7b34', withdrawn: '#b42318', hours: '#6b4ea0', p90: '#8a5a00' };

export function OverviewPage() {
  const { session } = useAuth();
  // a coach sees their own organisation's figures only (reporting enforces it; the filter would only refuse)
  const ownOrganisation = hasAnyRole(session, ['PROGRAMME_ADMIN', 'ADMIN', 'ANALYST'])
    ? null
    : (session?.user.organizationId ?? null);
  const [filters] = useQuery({ query: FiltersQuery });
  const t = useT();
  const [programId, setProgramId] = useState('');
  const [organizationId, setOrganizationId] = useState('');
  const [months, setMonths] = useState('12');
  const [custom, setCustom] = useState(() => periodOf(12));
  const period = months === 'custom' ? custom : periodOf(Number(months));
  const filter = useMemo(
    () => ({ programmeId: programId || null, organizationId: organizationId || null }),
    [programId, organizationId],
  );
  const client = useClient();
  const [stats, reexecute] = useQuery({ query: StatsQuery, variables: { from: period.from, to: period.to, filter } });
  async function exportRows(): Promise<StatsRow[]> {
    const res = await client
      .query(StatsQuery, { from: period.from, to: period.to, filter }, { requestPolicy: 'network-only' })
      .toPromise();
    if (!res.data) throw new Error(res.error?.graphQLErrors[0]?.message ?? t('over.unreadable'));
    const d = res.data;
    const tag = (breakdown: Breakdown, rows: readonly Stats[]) => rows.map((r) => ({ ...r, breakdown }));
    return [
      ...tag('Total', d.total),
      ...tag(
        'Month',
        [...d.monthly].filter((m) => m.groupKey !== 'NONE').sort((a, b) => a.groupKey.localeCompare(b.groupKey)),
      ),
      ...tag('Programme', [...d.byProgramme].sort(byLabel)),
      ...tag('Organisation', [...d.byOrganisation].sort(byLabel)),
    ];
  }

  return (
    <section>
      <h1>{t('nav.overview')}</h1>
      <form className="filters" aria-label={t('over.filters')} onSubmit={(e) => e.preventDefault()}>
        <Field id="f-program" label={t('common.programme')}>
          <select id="f-program" value={programId} onChange={(e) => setProgramId(e.target.value)}>
            <option value="">{t('audit.every')}</option>
            {filters.data?.programmes.edges.map(({ node: p }) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
        {ownOrganisation ? (
          <p className="muted">
            {t('over.figuresFor', {
              name:
                filters.data?.organizationsConnection.edges.find(({ node: o }) => o.id === ownOrganisation)?.node
                  ?.name ?? t('over.yourOrganisation'),
            })}
          </p>
        ) : (
          <Field id="f-org" label={t('rel.organisation')}>
            <select id="f-org" value={organizationId} onChange={(e) => setOrganizationId(e.target.value)}>
              <option value="">{t('rel.allOrganisations')}</option>
              {filters.data?.organizationsConnection.edges.map(({ node: o }) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field id="f-period" label={t('audit.period')}>
          <select id="f-period" value={months} onChange={(e) => setMonths(e.target.value)}>
            {[3, 6, 12, 24].map((n) => (
              <option key={n} value={String(n)}>
                {t('over.lastMonths', { n })}
              </option>
            ))}
            <option value="custom">{t('over.custom')}</option>
          </select>
        </Field>
        {months === 'custom' && (
          <>
            <Field id="f-from" label={t('audit.from')}>
              <DateInput
                id="f-from"
                value={custom.from}
                onChange={(e) => setCustom((c) => ({ ...c, from: e.target.value }))}
              />
            </Field>
            <Field id="f-to" label={t('audit.to')}>
              <DateInput
                id="f-to"
                value={custom.to}
                onChange={(e) => setCustom((c) => ({ ...c, to: e.target.value }))}
              />
            </Field>
          </>
        )}
        <ExportMenu
          list="PROGRAMME_STATISTICS"
          filters={{ ...filter, from: period.from, to: period.to }}
          name="programme-statistics"
          what={t('export.what.statistics')}
          columns={statsColumns(t)}
          rows={exportRows}
        />
      </form>
      {filters.error && <ErrorState error={filters.error} />}
      <QueryState {...stats} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {(data) => {
          const total = data.total[0];
          if (!total) return <Empty>{t('over.none')}</Empty>;
          return (
            <>
              <Dashboard
                total={total}
                monthly={[...data.monthly]
                  .filter((m) => m.groupKey !== 'NONE')
                  .sort((a, b) => a.groupKey.localeCompare(b.groupKey))}
              />
              <BreakdownTable
                id="per-programme"
                title={t('over.perProgramme')}
                groupHeader={t('common.programme')}
                rows={[...data.byProgramme].sort(byLabel)}
              />
              <BreakdownTable
                id="per-organisation"
                title={t(ownOrganisation ? 'over.ownOrganisation' : 'over.perOrganisation')}
                groupHeader={t('col.organisation')}
                rows={[...data.byOrganisation].sort(byLabel)}
              />
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

/** A figure in the locale (decimal comma in French), a dash when there is none. */
const fmt = (x: number | null | undefined, digits = 0, style: 'decimal' | 'percent' = 'decimal') =>
  x == null ? '—' : formatNumber(x, { style, minimumFractionDigits: digits, maximumFractionDigits: digits });

function Dashboard({ total, monthly }: { total: Stats; monthly: Stats[] }) {
  const t = useT();
  const months = monthly.map((m) => ({
    month: m.groupKey,
    matches: m.matches,
    hours: Math.round(m.hoursConfirmed * 10) / 10,
    median: m.medianDaysToMatch,
    p90: m.p90DaysToMatch,
  }));
  const outcomes = [
    { name: t('over.active'), value: total.activeRelationships, color: COLORS.active },
    { name: t('over.completed'), value: total.relationshipsCompleted, color: COLORS.completed },
    { name: t('over.withdrawn'), value: total.relationshipsWithdrawn, color: COLORS.withdrawn },
  ];
  return (
    <>
      <div className="kpis" aria-label={t('over.keyFigures')}>
        <Kpi label={t('over.matches')} value={fmt(total.matches)} />
        <Kpi label={t('over.matchRate')} value={fmt(total.matchRate, 0, 'percent')} />
        <Kpi label={t('over.medianDays')} value={fmt(total.medianDaysToMatch, 1)} />
        <Kpi label={t('over.activeRelationships')} value={fmt(total.activeRelationships)} />
        <Kpi label={t('over.hoursConfirmed')} value={fmt(total.hoursConfirmed, 1)} />
        <Kpi label={t('over.termsMet')} value={fmt(total.termsMetShare, 0, 'percent')} />
        <Kpi label={t('over.menteesEnrolled')} value={fmt(total.menteesEnrolled)} />
        <Kpi label={t('over.mentorsEnrolled')} value={fmt(total.mentorsEnrolled)} />
        <Kpi label={t('over.requestsSent')} value={fmt(total.requestsSent)} />
        <Kpi label={t('over.requestsAccepted')} value={fmt(total.requestsAccepted)} />
        <Kpi label={t('over.meetingsConfirmed')} value={fmt(total.meetingsConfirmed)} />
        <Kpi label={t('over.relationshipsStarted')} value={fmt(total.relationshipsStarted)} />
        <Kpi label={t('over.p90Days')} value={fmt(total.p90DaysToMatch, 1)} />
        <Kpi label={t('over.satisfaction', { count: total.feedbackResponses })} value={fmt(total.feedbackAverage, 1)} />
      </div>
      <div className="charts">
        <figure className="chart" aria-labelledby="c-matches">
          <h2 id="c-matches">{t('over.matchesPerMonth')}</h2>
          <ResponsiveContainer width="100%" height={240}>
            <BarChart data={months}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="month" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Bar dataKey="matches" name={t('over.matches')} fill={COLORS.active} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </figure>
        <figure className="chart" aria-labelledby="c-ttm">
          <h2 id="c-ttm">{t('over.timeToMatch')}</h2>
          <ResponsiveContainer width="100%" height={240}>
            <LineChart data={months}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="month" />
              <YAxis />
              <Tooltip />
              <Legend />
              <Line
                type="monotone"
                dataKey="median"
                name={t('over.median')}
                stroke={COLORS.active}
                connectNulls
                isAnimationActive={false}
              />
              <Line
                type="monotone"
                dataKey="p90"
                name={t('over.p90')}
                stroke={COLORS.p90}
                connectNulls
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </figure>
        <figure className="chart" aria-labelledby="c-outcomes">
          <h2 id="c-outcomes">{t('over.outcomes')}</h2>
          <ResponsiveContainer width="100%" height={240}>
            <PieChart margin={{ top: 16, right: 24, bottom: 8, left: 24 }}>
              <Pie
                data={outcomes}
                dataKey="value"
                nameKey="name"
                outerRadius={70}
                isAnimationActive={false}
                label={({ name, value }) => t('rel.rating', { question: String(name), rating: fmt(Number(value)) })}
              >
                {outcomes.map((o) => (
                  <Cell key={o.name} fill={o.color} />
                ))}
              </Pie>
              <Legend />
              <Tooltip />
            </PieChart>
          </ResponsiveContainer>
        </figure>
        <figure className="chart" aria-labelledby="c-hours">
          <h2 id="c-hours">{t('over.hoursPerMonth')}</h2>
          <ResponsiveContainer width="100%" height={240}>
            <BarChart data={months}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="month" />
              <YAxis />
              <Tooltip />
              <Bar dataKey="hours" name={t('over.hoursConfirmed')} fill={COLORS.hours} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </figure>
      </div>
      <div className="table-scroll" tabIndex={0}>
        <table aria-label={t('over.perMonth')} style={{ marginTop: '1rem' }}>
          <thead>
            <tr>
              <th scope="col">{t('over.month')}</th>
              <th scope="col">{t('over.matches')}</th>
              <th scope="col">{t('over.medianDays')}</th>
              <th scope="col">{t('audit.hours')}</th>
            </tr>
          </thead>
          <tbody>
            {months.length === 0 ? (
              <tr>
                <td colSpan={4}>{t('over.noMonths')}</td>
              </tr>
            ) : (
              months.map((m) => (
                <tr key={m.month}>
                  <td>{m.month}</td>
                  <td>{m.matches}</td>
                  <td>{fmt(m.median, 1)}</td>
                  <td>{fmt(m.hours, 1)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** One row per group with every figure; a group outside any programme or organisation is named so. */
function BreakdownTable({
  id,
  title,
  groupHeader,
  rows,
}: {
  id: string;
  title: string;
  /** The first column's header: what a group is (programme, organisation). */
  groupHeader: string;
  rows: Stats[];
}) {
  const t = useT();
  return (
    <>
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? (
        <Empty>{t('over.noActivity')}</Empty>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{groupHeader}</th>
                <th scope="col">{t('over.col.enrolled')}</th>
                <th scope="col">{t('over.col.matches')}</th>
                <th scope="col">{t('over.medianDays')}</th>
                <th scope="col">{t('over.col.requests')}</th>
                <th scope="col">{t('over.col.outcomes')}</th>
                <th scope="col">{t('over.col.meetings')}</th>
                <th scope="col">{t('over.col.satisfactionResponses')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.groupKey}>
                  <th scope="row">{r.groupKey === 'NONE' ? t('over.outsideAnyGroup') : r.groupLabel || r.groupKey}</th>
                  <td>{t('over.cell.pair', { a: fmt(r.menteesEnrolled), b: fmt(r.mentorsEnrolled) })}</td>
                  <td>{t('over.cell.matches', { matches: fmt(r.matches), rate: fmt(r.matchRate, 0, 'percent') })}</td>
                  <td>{fmt(r.medianDaysToMatch, 1)}</td>
                  <td>{t('over.cell.pair', { a: fmt(r.requestsSent), b: fmt(r.requestsAccepted) })}</td>
                  <td>
                    {t('over.cell.outcomes', {
                      active: fmt(r.activeRelationships),
                      completed: fmt(r.relationshipsCompleted),
                      withdrawn: fmt(r.relationshipsWithdrawn),
                    })}
                  </td>
                  <td>
                    {t('over.cell.meetings', { meetings: fmt(r.meetingsConfirmed), hours: fmt(r.hoursConfirmed, 1) })}
                  </td>
                  <td>
                    {t('over.cell.satisfaction', {
                      average: fmt(r.feedbackAverage, 1),
                      responses: fmt(r.feedbackResponses),
                    })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function Kpi({ label, value }: { label: string; value: string }) {
  return (
    <div className="kpi">
      <div className="value">{value}</div>
      <div className="label">{label}</div>
    </div>
  );
}
