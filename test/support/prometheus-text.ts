/** One scrape of a /metrics endpoint, parsed: sample lines by series (`name{labels}`). */
export interface Scrape {
  text: string;
  /** The value of a series, e.g. `trawl_tasks{status="completed"}`; undefined when absent. */
  value(series: string): number | undefined;
  /** The sum over every series of a metric whose labels include all of `labels`. */
  sum(name: string, labels?: Record<string, string>): number;
  /** Whether the metric has at least one sample. */
  has(name: string): boolean;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/;

/** Parses Prometheus's text exposition format (as prom-client writes it: no timestamps, no escapes in trawl's labels). */
export function parsePrometheusText(text: string): Scrape {
  const samples = text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .flatMap((line) => {
      const match = SAMPLE.exec(line);
      if (!match) return [];
      const labels = Object.fromEntries([...(match[3] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]) => [key, value]));
      return [{ series: `${match[1]}${match[2] ?? ''}`, name: match[1], labels, value: Number(match[4]) }];
    });
  return {
    text,
    value: (series) => samples.find((sample) => sample.series === series)?.value,
    sum: (name, labels = {}) =>
      samples
        .filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
        .reduce((total, sample) => total + sample.value, 0),
    has: (name) => samples.some((sample) => sample.name === name),
  };
}

/** GET <baseUrl>/metrics, parsed. */
export async function scrape(baseUrl: string): Promise<Scrape> {
  const response = await fetch(`${baseUrl}/metrics`);
  if (!response.ok) throw new Error(`GET ${baseUrl}/metrics: ${response.status}`);
  expectPrometheusContentType(response.headers.get('content-type'));
  return parsePrometheusText(await response.text());
}

function expectPrometheusContentType(contentType: string | null): void {
  if (!contentType?.startsWith('text/plain')) throw new Error(`/metrics answered ${contentType}, not Prometheus text`);
}
