// A request the server cannot answer as asked: its HTTP status and one sentence, sent as
// `{"error": "..."}` (the shape TensorFlow Serving and KServe use too).
export class RequestError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly headers: Record<string, string> = {},
	) {
		super(message);
	}
}
