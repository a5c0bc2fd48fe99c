// DescribeSessions: Active or History sessions, filtered (Target, Status, SessionId, Owner, InvokedAfter/Before) and paged.
import { AwsError } from '../../http/AwsError';
import type { SessionSummary } from './SessionHistory';
import type { SessionRegistry } from './SessionRegistry';

const FILTER_KEYS = ['InvokedAfter', 'InvokedBefore', 'Target', 'Owner', 'Status', 'SessionId'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
const DEFAULT_MAX_RESULTS = 20;

interface SessionFilter {
  readonly key: FilterKey;
  readonly value: string;
}

function parseFilters(raw: unknown): SessionFilter[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || raw.length < 1 || raw.length > 6) throw new AwsError('ValidationException', '1 validation error detected: Value at \'filters\' failed to satisfy constraint: Member must have length between 1 and 6');
  return raw.map((entry: unknown) => {
    const filter = (entry ?? {}) as Record<string, unknown>;
    if (typeof filter.key !== 'string' || !(FILTER_KEYS as readonly string[]).includes(filter.key)) {
      throw new AwsError('InvalidFilterKey', `The filter key ${String(filter.key)} is not valid; use one of ${FILTER_KEYS.join(', ')}.`);
    }
    if (typeof filter.value !== 'string' || filter.value.length < 1) throw new AwsError('ValidationException', '1 validation error detected: Value null at \'filters.value\' failed to satisfy constraint: Member must not be null');
    return { key: filter.key as FilterKey, value: filter.value };
  });
}

function matches(session: SessionSummary, status: string, filter: SessionFilter): boolean {
  switch (filter.key) {
    case 'Target': return session.target === filter.value;
    case 'Owner': return session.owner === filter.value;
    case 'Status': return status === filter.value;
    case 'SessionId': return session.sessionId === filter.value;
    case 'InvokedAfter': return session.startDate.getTime() >= parseDate(filter.value);
    case 'InvokedBefore': return session.startDate.getTime() <= parseDate(filter.value);
  }
}

function parseDate(value: string): number {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new AwsError('ValidationException', `The date ${value} is not valid; use an ISO 8601 date such as 2018-08-29T00:00:00Z.`);
  return time;
}

export function describeSessions(registry: SessionRegistry, input: Record<string, unknown>): unknown {
  const state = input.State;
  if (state !== 'Active' && state !== 'History') throw new AwsError('ValidationException', `1 validation error detected: Value '${String(state)}' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [Active, History]`);
  const filters = parseFilters(input.Filters);
  const maxResults = input.MaxResults === undefined ? DEFAULT_MAX_RESULTS : Number(input.MaxResults);
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 200) throw new AwsError('ValidationException', '1 validation error detected: Value at \'maxResults\' failed to satisfy constraint: Member must have value between 1 and 200');
  let offset = 0;
  if (input.NextToken !== undefined) {
    offset = Number(Buffer.from(String(input.NextToken), 'base64url').toString('utf8'));
    if (!Number.isInteger(offset) || offset < 0) throw new AwsError('InvalidNextToken', 'The NextToken is not valid; repeat the call without it.', { body: { Message: 'The NextToken is not valid; repeat the call without it.' } });
  }
  const selected = registry.listed()
    .filter(({ status }) => (state === 'Active') === (status !== 'Terminated' && status !== 'Failed'))
    .filter(({ session, status }) => filters.every((filter) => matches(session, status, filter)))
    .sort((a, b) => b.session.startDate.getTime() - a.session.startDate.getTime());
  const page = selected.slice(offset, offset + maxResults);
  const next = offset + maxResults < selected.length ? Buffer.from(String(offset + maxResults)).toString('base64url') : undefined;
  return {
    Sessions: page.map(({ session, status }) => ({
      SessionId: session.sessionId,
      Target: session.target,
      Status: status,
      StartDate: session.startDate.getTime() / 1000,
      ...(session.endDate ? { EndDate: session.endDate.getTime() / 1000 } : {}),
      DocumentName: session.documentName,
      Owner: session.owner,
      ...(session.reason ? { Reason: session.reason } : {}),
    })),
    ...(next ? { NextToken: next } : {}),
  };
}
