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
import { useAuth, hasAnyRole, Empty, ErrorState, Field, QueryState } from '@tandem/ui';
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

/** The export's columns: every figure the page fetches, for each row of each breakdown. */
const STATS_COLUMNS: ExportColumn<StatsRow>[] = [
  { header: 'Breakdown', value: (r) => r.breakdown },
  { header: 'Group', value: (r) => (r.groupKey === 'NONE' ? 'Outside any group' : r.groupLabel || r.groupKey) },
  { header: 'Mentees enrolled', value: (r) => r.menteesEnrolled, kind: 'number' },
  { header: 'Mentors enrolled', value: (r) => r.mentorsEnrolled, kind: 'number' },
  { header: 'Matches', value: (r) => r.matches, kind: 'number' },
  { header: 'Match rate (%)', value: (r) => share(r.matchRate), kind: 'number' },
  { header: 'Median days to match', value: (r) => r.medianDaysToMatch, kind: 'number' },
  { header: '90th percentile days to match', value: (r) => r.p90DaysToMatch, kind: 'number' },
  { header: 'Requests sent', value: (r) => r.requestsSent, kind: 'number' },
  { header: 'Requests accepted', value: (r) => r.requestsAccepted, kind: 'number' },
  { header: 'Requests declined', value: (r) => r.requestsDeclined, kind: 'number' },
  { header: 'Requests expired', value: (r) => r.requestsExpired, kind: 'number' },
  { header: 'Relationships started', value: (r) => r.relationshipsStarted, kind: 'number' },
  { header: 'Active relationships', value: (r) => r.activeRelationships, kind: 'number' },
  { header: 'Relationships completed', value: (r) => r.relationshipsCompleted, kind: 'number' },
  { header: 'Relationships withdrawn', value: (r) => r.relationshipsWithdrawn, kind: 'number' },
  { header: 'Terms met (%)', value: (r) => share(r.termsMetShare), kind: 'number' },
  { header: 'Meetings confirmed', value: (r) => r.meetingsConfirmed, kind: 'number' },
  { header: 'Hours confirmed', value: (r) => Math.round(r.hoursConfirmed * 10) / 10, kind: 'number' },
  { header: 'Goals achieved', value: (r) => r.goalsAchieved, kind: 'number' },
  { header: 'Feedback responses', value: (r) => r.feedbackResponses, kind: 'number' },
  { header: 'Satisfaction (1–5)', value: (r) => r.feedbackAverage, kind: 'number' },
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
    if (!res.data) throw new Error(res.error?.graphQLErrors[0]?.message ?? 'The figures could not be read.');
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
      <h1>Overview</h1>
      <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <Field id="f-program" label="Programme">
          <select id="f-program" value={programId} onChange={(e) => setProgramId(e.target.value)}>
            <option value="">All programmes</option>
            {filters.data?.programmes.edges.map(({ node: p }) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
        {ownOrganisation ? (
          <p className="muted">
            Figures for{' '}
            {filters.data?.organizationsConnection.edges.find(({ node: o }) => o.id === ownOrganisation)?.node?.name ??
              'your organisation'}
            .
          </p>
        ) : (
          <Field id="f-org" label="Organisation">
            <select id="f-org" value={organizationId} onChange={(e) => setOrganizationId(e.target.value)}>
              <option value="">All organisations</option>
              {filters.data?.organizationsConnection.edges.map(({ node: o }) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field id="f-period" label="Period">
          <select id="f-period" value={months} onChange={(e) => setMonths(e.target.value)}>
            <option value="3">Last 3 months</option>
            <option value="6">Last 6 months</option>
            <option value="12">Last 12 months</option>
            <option value="24">Last 24 months</option>
            <option value="custom">Custom dates</option>
          </select>
        </Field>
        {months === 'custom' && (
          <>
            <Field id="f-from" label="From">
              <input
                id="f-from"
                type="date"
                value={custom.from}
                onChange={(e) => setCustom((c) => ({ ...c, from: e.target.value }))}
              />
            </Field>
            <Field id="f-to" label="To">
              <input
                id="f-to"
                type="date"
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
          what="statistics"
          columns={STATS_COLUMNS}
          rows={exportRows}
        />
      </form>
      {filters.error && <ErrorState error={filters.error} />}
      <QueryState {...stats} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {(data) => {
          const total = data.total[0];
          if (!total) return <Empty>No figures for this period.</Empty>;
          return (
            <>
              <Dashboard
                total={total}
                monthly={[...data.monthly]
                  .filter((m) => m.groupKey !== 'NONE')
                  .sort((a, b) => a.groupKey.localeCompare(b.groupKey))}
              />
              <BreakdownTable id="per-programme" title="Per programme" rows={[...data.byProgramme].sort(byLabel)} />
              <BreakdownTable
                id="per-organisation"
                title={ownOrganisation ? 'Your organisation' : 'Per organisation'}
                rows={[...data.byOrganisation].sort(byLabel)}
              />
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

const fmt = (x: number | null | undefined, digits = 0, suffix = '') =>
  x == null ? '—' : `${x.toFixed(digits)}${suffix}`;

function Dashboard({ total, monthly }: { total: Stats; monthly: Stats[] }) {
  const months = monthly.map((m) => ({
    month: m.groupKey,
    matches: m.matches,
    hours: Math.round(m.hoursConfirmed * 10) / 10,
    median: m.medianDaysToMatch,
    p90: m.p90DaysToMatch,
  }));
  const outcomes = [
    { name: 'Active', value: total.activeRelationships, color: COLORS.active },
    { name: 'Completed', value: total.relationshipsCompleted, color: COLORS.completed },
    { name: 'Withdrawn', value: total.relationshipsWithdrawn, color: COLORS.withdrawn },
  ];
  return (
    <>
      <div className="kpis" aria-label="Key figures">
        <Kpi label="Matches" value={String(total.matches)} />
        <Kpi label="Match rate" value={fmt(total.matchRate == null ? null : total.matchRate * 100, 0, '%')} />
        <Kpi label="Median days to match" value={fmt(total.medianDaysToMatch, 1)} />
        <Kpi label="Active relationships" value={String(total.activeRelationships)} />
        <Kpi label="Hours confirmed" value={fmt(total.hoursConfirmed, 1)} />
        <Kpi
          label="Terms met (ended)"
          value={fmt(total.termsMetShare == null ? null : total.termsMetShare * 100, 0, '%')}
        />
        <Kpi label="Mentees enrolled" value={String(total.menteesEnrolled)} />
        <Kpi label="Mentors enrolled" value={String(total.mentorsEnrolled)} />
        <Kpi label="Requests sent" value={String(total.requestsSent)} />
        <Kpi label="Requests accepted" value={String(total.requestsAccepted)} />
        <Kpi label="Meetings confirmed" value={String(total.meetingsConfirmed)} />
        <Kpi label="Relationships started" value={String(total.relationshipsStarted)} />
        <Kpi label="90th percentile days to match" value={fmt(total.p90DaysToMatch, 1)} />
        <Kpi
          label={`Satisfaction (1–5, ${total.feedbackResponses} ${total.feedbackResponses === 1 ? 'response' : 'responses'})`}
          value={fmt(total.feedbackAverage, 1)}
        />
      </div>
      <div className="charts">
        <figure className="chart" aria-labelledby="c-matches">
          <h2 id="c-matches">Matches per month</h2>
          <ResponsiveContainer width="100%" height={240}>
            <BarChart data={months}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="month" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Bar dataKey="matches" name="Matches" fill={COLORS.active} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </figure>
        <figure className="chart" aria-labelledby="c-ttm">
          <h2 id="c-ttm">Time to match (days)</h2>
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
                name="Median"
                stroke={COLORS.active}
                connectNulls
                isAnimationActive={false}
              />
              <Line
                type="monotone"
                dataKey="p90"
                name="90th percentile"
                stroke={COLORS.p90}
                connectNulls
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </figure>
        <figure className="chart" aria-labelledby="c-outcomes">
          <h2 id="c-outcomes">Active, completed and withdrawn</h2>
          <ResponsiveContainer width="100%" height={240}>
            <PieChart margin={{ top: 16, right: 24, bottom: 8, left: 24 }}>
              <Pie
                data={outcomes}
                dataKey="value"
                nameKey="name"
                outerRadius={70}
                isAnimationActive={false}
                label={({ name, value }) => `${name}: ${value}`}
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
          <h2 id="c-hours">Hours per month</h2>
          <ResponsiveContainer width="100%" height={240}>
            <BarChart data={months}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="month" />
              <YAxis />
              <Tooltip />
              <Bar dataKey="hours" name="Hours confirmed" fill={COLORS.hours} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </figure>
      </div>
      <div className="table-scroll" tabIndex={0}>
        <table aria-label="Figures per month" style={{ marginTop: '1rem' }}>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Matches</th>
              <th scope="col">Median days to match</th>
              <th scope="col">Hours</th>
            </tr>
          </thead>
          <tbody>
            {months.length === 0 ? (
              <tr>
                <td colSpan={4}>No months with activity.</td>
              </tr>
            ) : (
              months.map((m) => (
                <tr key={m.month}>
                  <td>{m.month}</td>
                  <td>{m.matches}</td>
                  <td>{fmt(m.median, 1)}</td>
                  <td>{m.hours}</td>
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
function BreakdownTable({ id, title, rows }: { id: string; title: string; rows: Stats[] }) {
  return (
    <>
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? (
        <Empty>No activity in this period.</Empty>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{title === 'Per programme' ? 'Programme' : 'Organisation'}</th>
                <th scope="col">Mentees / mentors enrolled</th>
                <th scope="col">Matches (rate)</th>
                <th scope="col">Median days to match</th>
                <th scope="col">Requests sent / accepted</th>
                <th scope="col">Active / completed / withdrawn</th>
                <th scope="col">Meetings (hours)</th>
                <th scope="col">Satisfaction (responses)</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.groupKey}>
                  <th scope="row">{r.groupKey === 'NONE' ? 'Outside any group' : r.groupLabel || r.groupKey}</th>
                  <td>
                    {r.menteesEnrolled} / {r.mentorsEnrolled}
                  </td>
                  <td>
                    {r.matches} ({fmt(r.matchRate == null ? null : r.matchRate * 100, 0, '%')})
                  </td>
                  <td>{fmt(r.medianDaysToMatch, 1)}</td>
                  <td>
                    {r.requestsSent} / {r.requestsAccepted}
                  </td>
                  <td>
                    {r.activeRelationships} / {r.relationshipsCompleted} / {r.relationshipsWithdrawn}
                  </td>
                  <td>
                    {r.meetingsConfirmed} ({fmt(r.hoursConfirmed, 1)} h)
                  </td>
                  <td>
                    {fmt(r.feedbackAverage, 1)} ({r.feedbackResponses})
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
