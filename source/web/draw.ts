// The drawing pad: strokes from any pointer (mouse, touch, pen) in white ink on black, as MNIST
// digits are, kept as point lists so Undo can take back a whole stroke and redraw the rest.
// While the pen moves the answer follows, at most one request in flight and ten a second.

type Point = {x: number; y: number};

/** Brush width as a share of the pad's height: about MNIST's stroke once a digit as tall as the pad is scaled to 20 px. */
const brushShare = 0.065;
const minInterval = 100;

export class DrawingPad {
	private readonly context: CanvasRenderingContext2D;
	private readonly strokes: Point[][] = [];
	private current: Point[] | undefined;
	private inFlight = false;
	private dirty = false;
	private lastSent = 0;
	private timer: number | undefined;

	/**
	 * `predict` gets the drawing as a PNG, or undefined when the pad is empty; `settled` hears
	 * whether the answer shown is the one for the drawing as it is (no stroke going on, nothing left to send).
	 */
	constructor(
		private readonly canvas: HTMLCanvasElement,
		private readonly predict: (image: Blob | undefined) => Promise<void>,
		private readonly settled: (settled: boolean) => void,
	) {
		this.context = canvas.getContext('2d')!;
		this.redraw();
		canvas.addEventListener('pointerdown', event => this.down(event));
		canvas.addEventListener('pointermove', event => this.move(event));
		for (const type of ['pointerup', 'pointercancel'] as const) canvas.addEventListener(type, event => this.up(event));
	}

	get empty(): boolean {
		return this.strokes.length === 0;
	}

	clear(): void {
		this.strokes.length = 0;
		this.current = undefined;
		this.redraw();
		this.request();
	}

	undo(): void {
		this.strokes.pop();
		this.current = undefined;
		this.redraw();
		this.request();
	}

	/** Asks again (the tab picked another model). */
	refresh(): void {
		this.request();
	}

	/** A new width in the canvas's own pixels (a wider pad for a number); the drawing starts over. */
	resize(width: number): void {
		if (this.canvas.width === width) return;
		this.canvas.width = width;
		this.clear();
	}

	/** The canvas's size in its own pixels: what the boxes of an answer are measured in. */
	get size(): {width: number; height: number} {
		return {width: this.canvas.width, height: this.canvas.height};
	}

	private down(event: PointerEvent): void {
		if (event.button !== 0) return;
		event.preventDefault();
		this.canvas.setPointerCapture(event.pointerId);
		this.current = [this.point(event)];
		this.strokes.push(this.current);
		this.redraw();
		this.settled(false);
	}

	private move(event: PointerEvent): void {
		if (!this.current) return;
		// Coalesced events keep fast strokes smooth where the browser merges moves into one frame.
		const events = typeof event.getCoalescedEvents === 'function' ? event.getCoalescedEvents() : [];
		for (const each of events.length > 0 ? events : [event]) this.current.push(this.point(each));
		this.redraw();
		this.request();
	}

	private up(event: PointerEvent): void {
		if (!this.current) return;
		if (this.canvas.hasPointerCapture(event.pointerId)) this.canvas.releasePointerCapture(event.pointerId);
		this.current = undefined;
		// The final answer: sent as soon as any request in flight is back, without the ten-a-second wait.
		this.lastSent = 0;
		this.request();
	}

	/** The pointer's place in the canvas's own pixels, whatever size CSS shows it at. */
	private point(event: PointerEvent): Point {
		const box = this.canvas.getBoundingClientRect();
		return {x: ((event.clientX - box.left) / box.width) * this.canvas.width, y: ((event.clientY - box.top) / box.height) * this.canvas.height};
	}

	private redraw(): void {
		const {context, canvas} = this;
		// An opaque black ground: the server composites transparency on white, which would hide white ink.
		context.fillStyle = '#000';
		context.fillRect(0, 0, canvas.width, canvas.height);
		const width = canvas.height * brushShare;
		Object.assign(context, {lineCap: 'round', lineJoin: 'round', lineWidth: width, strokeStyle: '#fff', fillStyle: '#fff', shadowColor: '#fff', shadowBlur: width / 3});
		for (const stroke of this.strokes) {
			const [first, ...rest] = stroke;
			if (!first) continue;
			context.beginPath();
			if (rest.length === 0) {
				// A tap is a dot.
				context.arc(first.x, first.y, width / 2, 0, Math.PI * 2);
				context.fill();
				continue;
			}
			context.moveTo(first.x, first.y);
			for (const point of rest) context.lineTo(point.x, point.y);
			context.stroke();
		}
		context.shadowBlur = 0;
	}

	/** Sends the drawing now if it may, or once the request in flight is back or the interval is over. */
	private request(): void {
		this.dirty = true;
		this.settled(false);
		if (this.inFlight || this.timer !== undefined) return;
		const wait = this.lastSent + minInterval - performance.now();
		if (wait > 0 && this.current) {
			this.timer = window.setTimeout(() => {
				this.timer = undefined;
				this.send();
			}, wait);
			return;
		}
		this.send();
	}

	private send(): void {
		if (!this.dirty || this.inFlight) return;
		this.dirty = false;
		this.inFlight = true;
		this.lastSent = performance.now();
		const done = () => {
			this.inFlight = false;
			if (this.dirty) this.request();
			else this.settled(this.current === undefined);
		};
		if (this.empty) {
			void this.predict(undefined).finally(done);
			return;
		}
		this.canvas.toBlob(blob => void this.predict(blob ?? undefined).finally(done), 'image/png');
	}
}
