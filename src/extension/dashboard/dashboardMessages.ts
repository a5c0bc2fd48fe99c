// Messages between the dashboard webview and the extension (plain data: no VS Code, no DOM).

export interface SeriesData {
  readonly name: string;
  readonly unit: string;
  /** Ascending [epoch ms, value] pairs. */
  readonly points: readonly (readonly [number, number])[];
}

export interface MetricsData {
  readonly range: 'hour' | 'day';
  readonly periodSeconds: number;
  readonly start: number;
  readonly end: number;
  readonly series: readonly SeriesData[];
}

/** Extension -> webview. */
export type ToDashboard =
  | { readonly type: 'metrics'; readonly gatewayName: string; readonly data: MetricsData; readonly updatedAt: number; readonly refreshSeconds: number }
  | { readonly type: 'error'; readonly message: string };

/** Webview -> extension. */
export type FromDashboard = { readonly type: 'range'; readonly range: 'hour' | 'day' } | { readonly type: 'refresh' } | { readonly type: 'ready' };

/** Byte counters have no data point for a quiet period: the charts draw those periods as 0. */
export function fillCounterGaps(data: MetricsData, series: SeriesData): [number, number][] {
  const period = data.periodSeconds * 1000;
  const byTime = new Map(series.points.map(([at, value]) => [at, value]));
  const filled: [number, number][] = [];
  for (let at = data.start; at < data.end; at += period) filled.push([at, byTime.get(at) ?? 0]);
  return filled;
}
