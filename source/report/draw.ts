// Draws a Picture (render/picture.ts) into a PNG with jimp: filled and framed rectangles,
// anti-aliased lines and markers written straight into the bitmap, grayscale images
// scaled by whole pixels, and text in jimp's bitmap fonts (Open Sans), tinted to any color.
import fs from 'node:fs/promises';
import {Jimp, loadFont, measureText} from 'jimp';
import {SANS_10_BLACK, SANS_12_BLACK, SANS_14_BLACK, SANS_16_BLACK, SANS_32_BLACK} from 'jimp/fonts';
import {dashSegments, type FontSize, type Picture, type Point, type Rgb, type Shape} from './picture.js';

type Image = InstanceType<typeof Jimp>;
type Font = Awaited<ReturnType<typeof loadFont>>;

const fontFiles: Record<FontSize, string> = {10: SANS_10_BLACK, 12: SANS_12_BLACK, 14: SANS_14_BLACK, 16: SANS_16_BLACK, 32: SANS_32_BLACK};
const fontCache = new Map<FontSize, Promise<Font>>();

function font(size: FontSize): Promise<Font> {
	let loading = fontCache.get(size);
	if (!loading) {
		loading = loadFont(fontFiles[size]);
		fontCache.set(size, loading);
	}
	return loading;
}

/** The picture as PNG bytes. */
export async function renderPicture(picture: Picture): Promise<Buffer> {
	const image = new Jimp({width: picture.width, height: picture.height, color: toRgba(picture.background)});
	for (const shape of picture.shapes) await drawShape(image, shape);
	return image.getBuffer('image/png');
}

export async function writePicture(file: string, picture: Picture): Promise<void> {
	await fs.writeFile(file, await renderPicture(picture));
}

async function drawShape(image: Image, shape: Shape): Promise<void> {
	switch (shape.type) {
		case 'rect':
			fillRect(image, shape.x, shape.y, shape.width, shape.height, shape.fill);
			return;
		case 'frame': {
			const {x, y, width, height, thickness: t, color} = shape;
			fillRect(image, x, y, width, t, color);
			fillRect(image, x, y + height - t, width, t, color);
			fillRect(image, x, y + t, t, height - 2 * t, color);
			fillRect(image, x + width - t, y + t, t, height - 2 * t, color);
			return;
		}
		case 'line': {
			const pieces = shape.dash ? dashSegments(shape.points, shape.dash[0], shape.dash[1]) : [shape.points];
			for (const piece of pieces) strokePolyline(image, piece, shape.width, shape.color);
			return;
		}
		case 'marker':
			drawMarker(image, shape);
			return;
		case 'gray':
			drawGray(image, shape);
			return;
		case 'text':
			await drawText(image, shape);
			return;
	}
}

/** Blends `color` over pixel (x, y) with coverage `alpha` (0–1); outside the image nothing happens. */
function blend(image: Image, x: number, y: number, color: Rgb, alpha: number): void {
	const {width, height, data} = image.bitmap;
	if (x < 0 || y < 0 || x >= width || y >= height || alpha <= 0) return;
	const a = Math.min(1, alpha);
	const offset = (y * width + x) * 4;
	for (let channel = 0; channel < 3; channel++) {
		data[offset + channel] = Math.round(data[offset + channel]! * (1 - a) + color[channel]! * a);
	}
	data[offset + 3] = 255;
}

function fillRect(image: Image, x: number, y: number, width: number, height: number, color: Rgb): void {
	const x0 = Math.round(x);
	const y0 = Math.round(y);
	const x1 = Math.round(x + width);
	const y1 = Math.round(y + height);
	for (let py = y0; py < y1; py++) for (let px = x0; px < x1; px++) blend(image, px, py, color, 1);
}

/**
 * A polyline of the given width, anti-aliased by each pixel's distance to the nearest
 * segment; coverage is gathered first so that joints are not blended twice.
 */
function strokePolyline(image: Image, points: readonly Point[], lineWidth: number, color: Rgb): void {
	if (points.length < 2) return;
	const half = lineWidth / 2;
	const xs = points.map(point => point[0]);
	const ys = points.map(point => point[1]);
	const left = Math.max(0, Math.floor(Math.min(...xs) - half - 1));
	const top = Math.max(0, Math.floor(Math.min(...ys) - half - 1));
	const right = Math.min(image.bitmap.width - 1, Math.ceil(Math.max(...xs) + half + 1));
	const bottom = Math.min(image.bitmap.height - 1, Math.ceil(Math.max(...ys) + half + 1));
	if (right < left || bottom < top) return;
	const columns = right - left + 1;
	const coverage = new Float32Array(columns * (bottom - top + 1));
	for (let i = 1; i < points.length; i++) {
		const [ax, ay] = points[i - 1]!;
		const [bx, by] = points[i]!;
		const x0 = Math.max(left, Math.floor(Math.min(ax, bx) - half - 1));
		const x1 = Math.min(right, Math.ceil(Math.max(ax, bx) + half + 1));
		const y0 = Math.max(top, Math.floor(Math.min(ay, by) - half - 1));
		const y1 = Math.min(bottom, Math.ceil(Math.max(ay, by) + half + 1));
		for (let py = y0; py <= y1; py++) {
			for (let px = x0; px <= x1; px++) {
				const distance = distanceToSegment(px + 0.5, py + 0.5, ax, ay, bx, by);
				const cover = Math.min(1, Math.max(0, half + 0.5 - distance));
				const index = (py - top) * columns + (px - left);
				if (cover > coverage[index]!) coverage[index] = cover;
			}
		}
	}
	for (let index = 0; index < coverage.length; index++) {
		if (coverage[index]! > 0) blend(image, left + (index % columns), top + Math.floor(index / columns), color, coverage[index]!);
	}
}

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
	const dx = bx - ax;
	const dy = by - ay;
	const lengthSquared = dx * dx + dy * dy;
	const t = lengthSquared === 0 ? 0 : Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / lengthSquared));
	return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function drawMarker(image: Image, {x, y, shape, size, color}: Extract<Shape, {type: 'marker'}>): void {
	const half = size / 2;
	for (let py = Math.floor(y - half - 1); py <= Math.ceil(y + half + 1); py++) {
		for (let px = Math.floor(x - half - 1); px <= Math.ceil(x + half + 1); px++) {
			const dx = px + 0.5 - x;
			const dy = py + 0.5 - y;
			const cover =
				shape === 'circle'
					? Math.min(1, Math.max(0, half + 0.5 - Math.hypot(dx, dy)))
					: Math.min(1, Math.max(0, half + 0.5 - Math.abs(dx))) * Math.min(1, Math.max(0, half + 0.5 - Math.abs(dy)));
			blend(image, px, py, color, cover);
		}
	}
}

function drawGray(image: Image, {x, y, pixels, columns, rows, scale}: Extract<Shape, {type: 'gray'}>): void {
	const left = Math.round(x);
	const top = Math.round(y);
	for (let row = 0; row < rows; row++) {
		for (let column = 0; column < columns; column++) {
			const level = Math.round(Math.min(1, Math.max(0, pixels[row * columns + column] ?? 0)) * 255);
			fillRect(image, left + column * scale, top + row * scale, scale, scale, [level, level, level]);
		}
	}
}

/**
 * Prints into a transparent image of its own (the fonts are black glyphs with alpha),
 * turns it if asked, and blends it on in the wanted color at the anchored position.
 */
async function drawText(image: Image, shape: Extract<Shape, {type: 'text'}>): Promise<void> {
	const bitmapFont = await font(shape.size);
	const width = Math.max(1, measureText(bitmapFont, shape.text));
	const lineHeight = bitmapFont.common.lineHeight;
	const layer = new Jimp({width: width + 4, height: lineHeight + 4, color: 0x00000000});
	layer.print({font: bitmapFont, x: 0, y: 0, text: shape.text});
	let glyphs = {width: layer.bitmap.width, height: layer.bitmap.height, alpha: (x: number, y: number) => layer.bitmap.data[(y * layer.bitmap.width + x) * 4 + 3]!};
	if (shape.vertical) {
		// A quarter turn counter-clockwise: the text then reads from bottom to top.
		const turned = glyphs;
		glyphs = {width: turned.height, height: turned.width, alpha: (x, y) => turned.alpha(turned.width - 1 - y, x)};
	}

	// Where the line's top-left goes: the anchor is on the capitals (0.72 em high), not the line box.
	// BMFont files give the baseline as `base`; jimp's types leave it out.
	const base = (bitmapFont.common as {base?: number}).base ?? Math.round(lineHeight * 0.83);
	const capTop = base - 0.72 * shape.size;
	const along = {left: 0, center: width / 2, right: width}[shape.align];
	const across = {top: capTop, middle: (capTop + base) / 2, bottom: base}[shape.valign];
	const left = Math.round(shape.vertical ? shape.x - across : shape.x - along);
	const top = Math.round(shape.vertical ? shape.y - (layer.bitmap.width - 1 - along) : shape.y - across);
	for (let y = 0; y < glyphs.height; y++) {
		for (let x = 0; x < glyphs.width; x++) {
			const alpha = glyphs.alpha(x, y);
			if (alpha > 0) blend(image, left + x, top + y, shape.color, alpha / 255);
		}
	}
}

function toRgba([r, g, b]: Rgb): number {
	return ((r << 24) | (g << 16) | (b << 8) | 0xff) >>> 0;
}
