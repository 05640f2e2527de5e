// The image formats this program reads, in one table: the file names a folder or glob picks,
// what the decoder accepts, the first bytes that tell a damaged image from a non-image, and
// the list messages and help name.
const formats = [
	{name: 'PNG', mime: 'image/png', extensions: ['.png'], signatures: ['89504e47']},
	{name: 'JPEG', mime: 'image/jpeg', extensions: ['.jpg', '.jpeg'], signatures: ['ffd8ff']},
	{name: 'BMP', mime: 'image/bmp', extensions: ['.bmp'], signatures: ['424d']},
	{name: 'GIF', mime: 'image/gif', extensions: ['.gif'], signatures: ['47494638']},
	{name: 'TIFF', mime: 'image/tiff', extensions: ['.tif', '.tiff'], signatures: ['49492a00', '4d4d002a']},
] as const;

/** File extensions (lower case, with the dot) of the formats read. */
export const imageExtensions: ReadonlySet<string> = new Set(formats.flatMap(format => format.extensions));

/** MIME types the decoder takes. */
export const decodableMimes: ReadonlySet<string> = new Set(formats.map(format => format.mime));

/** The first bytes (hex) of each format. */
export const formatSignatures: readonly string[] = formats.flatMap(format => format.signatures);

const names = formats.map(format => format.name);

/** "PNG, JPEG, BMP, GIF or TIFF", for messages. */
export const formatNames = `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;

/** "PNG, JPEG, BMP, GIF, TIFF", for help texts. */
export const formatList = names.join(', ');
