// Small helpers for building the page's parts without innerHTML (no markup from answers ever
// reaches the parser: a file name is text).

type Attributes = Record<string, string | number | boolean | undefined>;

/** `<tag attributes>children</tag>`; false or undefined attributes are left out. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
	const element = document.createElement(tag);
	setAttributes(element, attributes);
	element.append(...children);
	return element;
}

/** An SVG element (the training chart). */
export function svg(tag: string, attributes: Attributes = {}, ...children: Array<Node | string>): SVGElement {
	const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
	setAttributes(element, attributes);
	element.append(...children);
	return element;
}

function setAttributes(element: Element, attributes: Attributes): void {
	for (const [name, value] of Object.entries(attributes)) {
		if (value === false || value === undefined) continue;
		element.setAttribute(name, value === true ? '' : String(value));
	}
}

/** The element with this id; the page's HTML has it, so its absence is a bug worth an error. */
export function byId<T extends HTMLElement>(id: string): T {
	const element = document.getElementById(id);
	if (!element) throw new Error(`The page has no #${id}.`);
	return element as T;
}

export const percent = (value: number, digits = 1) => `${(value * 100).toFixed(digits)}%`;
