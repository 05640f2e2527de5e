// What `/metrics` reports, in Prometheus's text format: requests by route and status, their
// latency, the model calls' batch sizes, the queue and how long each model took to load.

const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const batchBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256];

class Histogram {
	private readonly counts: number[];
	private sum = 0;
	private count = 0;

	constructor(private readonly buckets: number[]) {
		this.counts = buckets.map(() => 0);
	}

	observe(value: number): void {
		this.sum += value;
		this.count++;
		const index = this.buckets.findIndex(bound => value <= bound);
		if (index !== -1) this.counts[index]!++;
	}

	lines(name: string, labels = ''): string[] {
		const joined = (bucket: string) => `{${labels}${labels ? ',' : ''}le="${bucket}"}`;
		let cumulative = 0;
		const rows = this.buckets.map((bound, i) => `${name}_bucket${joined(String(bound))} ${(cumulative += this.counts[i]!)}`);
		const plain = labels ? `{${labels}}` : '';
		return [...rows, `${name}_bucket${joined('+Inf')} ${this.count}`, `${name}_sum${plain} ${this.sum}`, `${name}_count${plain} ${this.count}`];
	}
}

const label = (value: string) => value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');

export class Metrics {
	private readonly requests = new Map<string, number>();
	private readonly latency = new Map<string, Histogram>();
	private readonly batches = new Histogram(batchBuckets);
	private readonly loadSeconds = new Map<string, number>();

	/** Images waiting for a model call, read when /metrics is asked for. */
	queueLength: () => number = () => 0;

	request(method: string, route: string, status: number, seconds: number): void {
		const labels = `method="${label(method)}",route="${label(route)}"`;
		const key = `${labels},status="${status}"`;
		this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
		let histogram = this.latency.get(labels);
		if (!histogram) this.latency.set(labels, (histogram = new Histogram(latencyBuckets)));
		histogram.observe(seconds);
	}

	batch(size: number): void {
		this.batches.observe(size);
	}

	modelLoaded(model: string, seconds: number): void {
		this.loadSeconds.set(model, seconds);
	}

	text(): string {
		return [
			'# HELP digits_http_requests_total HTTP requests answered, by route and status.',
			'# TYPE digits_http_requests_total counter',
			...[...this.requests].map(([labels, count]) => `digits_http_requests_total{${labels}} ${count}`),
			'# HELP digits_http_request_duration_seconds Time from request to response.',
			'# TYPE digits_http_request_duration_seconds histogram',
			...[...this.latency].flatMap(([labels, histogram]) => histogram.lines('digits_http_request_duration_seconds', labels)),
			'# HELP digits_batch_size Images per model call.',
			'# TYPE digits_batch_size histogram',
			...this.batches.lines('digits_batch_size'),
			'# HELP digits_queue_length Images waiting for a model call.',
			'# TYPE digits_queue_length gauge',
			`digits_queue_length ${this.queueLength()}`,
			'# HELP digits_model_load_seconds How long loading each model took.',
			'# TYPE digits_model_load_seconds gauge',
			...[...this.loadSeconds].map(([model, seconds]) => `digits_model_load_seconds{model="${label(model)}"} ${seconds}`),
			'',
		].join('\n');
	}
}
