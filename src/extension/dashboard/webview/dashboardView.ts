// The gateway dashboard inside the webview: Chart.js line charts of cache, upload buffer and traffic, in the theme's colours.
import { CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { fillCounterGaps, type FromDashboard, type MetricsData, type ToDashboard } from '../dashboardMessages';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Filler, Legend, Tooltip);

interface VsCodeApi {
  postMessage(message: FromDashboard): void;
}
declare function acquireVsCodeApi(): VsCodeApi;
const vscode = acquireVsCodeApi();

interface ChartSpec {
  readonly id: string;
  readonly title: string;
  readonly metrics: readonly { readonly name: string; readonly label: string; readonly color: string }[];
  readonly percent: boolean;
}

const CHARTS: readonly ChartSpec[] = [
  { id: 'cache', title: 'Cache', percent: true, metrics: [{ name: 'CachePercentUsed', label: 'Used %', color: '--vscode-charts-blue' }, { name: 'CachePercentDirty', label: 'Dirty (not uploaded) %', color: '--vscode-charts-orange' }, { name: 'CacheHitPercent', label: 'Read hits %', color: '--vscode-charts-green' }] },
  { id: 'buffer', title: 'Upload buffer', percent: true, metrics: [{ name: 'UploadBufferPercentUsed', label: 'Used %', color: '--vscode-charts-purple' }] },
  { id: 'tape', title: 'Tape traffic per period', percent: false, metrics: [{ name: 'WriteBytes', label: 'Written', color: '--vscode-charts-red' }, { name: 'ReadBytes', label: 'Read', color: '--vscode-charts-green' }] },
  { id: 'cloud', title: 'Cloud traffic per period', percent: false, metrics: [{ name: 'CloudBytesUploaded', label: 'Uploaded', color: '--vscode-charts-blue' }, { name: 'CloudBytesDownloaded', label: 'Downloaded', color: '--vscode-charts-yellow' }] },
];

const charts = new Map<string, Chart<'line', { x: number; y: number }[]>>();
let last: MetricsData | undefined;

function cssColor(variable: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(variable).trim() || fallback;
}

function bytes(value: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let scaled = value;
  let unit = 0;
  while (scaled >= 1024 && unit < units.length - 1) {
    scaled /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? scaled : scaled.toFixed(1)} ${units[unit]}`;
}

function clock(at: number, range: 'hour' | 'day'): string {
  const date = new Date(at);
  const hhmm = `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
  return range === 'day' && date.getHours() === 0 && date.getMinutes() === 0 ? `${date.getMonth() + 1}/${date.getDate()}` : hhmm;
}

function draw(data: MetricsData): void {
  last = data;
  const foreground = cssColor('--vscode-foreground', '#cccccc');
  const grid = cssColor('--vscode-editorWidget-border', 'rgba(128,128,128,0.3)');
  Chart.defaults.color = foreground;
  Chart.defaults.font.family = cssColor('--vscode-font-family', 'sans-serif');
  for (const spec of CHARTS) {
    const datasets = spec.metrics.map((metric) => {
      const series = data.series.find((s) => s.name === metric.name);
      const points = !series ? [] : spec.percent ? series.points.map(([x, y]) => ({ x, y })) : fillCounterGaps(data, series).map(([x, y]) => ({ x, y }));
      const color = cssColor(metric.color, foreground);
      return { label: metric.label, data: points, borderColor: color, backgroundColor: color, pointRadius: 0, borderWidth: 2, tension: 0.2, fill: false };
    });
    const existing = charts.get(spec.id);
    if (existing) {
      existing.data.datasets = datasets;
      const x = existing.options.scales?.x;
      if (x) {
        x.min = data.start;
        x.max = data.end;
      }
      existing.update('none');
      continue;
    }
    const canvas = document.getElementById(`chart-${spec.id}`) as HTMLCanvasElement | null;
    if (!canvas) continue;
    charts.set(
      spec.id,
      new Chart(canvas, {
        type: 'line',
        data: { datasets },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          parsing: false,
          interaction: { mode: 'index', intersect: false },
          plugins: {
            title: { display: false },
            legend: { labels: { color: foreground, boxWidth: 12 } },
            tooltip: { callbacks: { title: (items) => new Date(items[0]?.parsed.x ?? 0).toLocaleString(), label: (item) => `${item.dataset.label}: ${spec.percent ? `${(item.parsed.y ?? 0).toFixed(1)} %` : bytes(item.parsed.y ?? 0)}` } },
          },
          scales: {
            x: { type: 'linear', min: data.start, max: data.end, grid: { color: grid }, ticks: { color: foreground, maxTicksLimit: 8, callback: (value) => clock(Number(value), last?.range ?? 'hour') } },
            y: { beginAtZero: true, ...(spec.percent ? { max: 100 } : {}), grid: { color: grid }, ticks: { color: foreground, callback: (value) => (spec.percent ? `${value} %` : bytes(Number(value))) } },
          },
        },
      }),
    );
  }
  for (const name of ['CachePercentUsed', 'CachePercentDirty', 'UploadBufferPercentUsed']) {
    const latest = data.series.find((s) => s.name === name)?.points.at(-1)?.[1];
    const cell = document.getElementById(`now-${name}`);
    if (cell) cell.textContent = latest === undefined ? '–' : `${latest.toFixed(1)} %`;
  }
}

function show(text: string, isError: boolean): void {
  const status = document.getElementById('status');
  if (!status) return;
  status.textContent = text;
  status.className = isError ? 'error' : '';
}

window.addEventListener('message', (event: MessageEvent<ToDashboard>) => {
  const message = event.data;
  if (message.type === 'error') return show(message.message, true);
  draw(message.data);
  show(`${message.gatewayName} · updated ${new Date(message.updatedAt).toLocaleTimeString()} · refreshes every ${message.refreshSeconds} s while open`, false);
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-range]')) button.setAttribute('aria-pressed', String(button.dataset.range === message.data.range));
});

for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-range]')) {
  button.addEventListener('click', () => vscode.postMessage({ type: 'range', range: button.dataset.range === 'day' ? 'day' : 'hour' }));
}
document.getElementById('refresh')?.addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));

// VS Code swaps the body's theme class when the colour theme changes: redraw in the new colours.
new MutationObserver(() => {
  if (!last) return;
  for (const chart of charts.values()) chart.destroy();
  charts.clear();
  draw(last);
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

vscode.postMessage({ type: 'ready' });
