/** Minimal multipart/form-data parser working on Buffers, so binary file parts stay intact. */
import type { Multipart } from './types';

/** The boundary from a `content-type` header, or null when it is not multipart/form-data. */
export function multipartBoundary(contentType: string | undefined): string | null {
	if (!contentType || !/^multipart\/form-data/i.test(contentType)) return null;
	const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	return match ? (match[1] ?? match[2]) : null;
}

function dispositionParam(disposition: string, name: string): string | null {
	// `name=` must not match inside `filename=`, hence the separator look-behind.
	const re = new RegExp(`(?:^|;)\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, 'i');
	const quoted = re.exec(disposition);
	if (quoted) return quoted[1].replace(/\\(.)/g, '$1');
	const bare = new RegExp(`(?:^|;)\\s*${name}=([^;\\s]+)`, 'i').exec(disposition);
	return bare ? bare[1] : null;
}

/** Parses a complete body; returns null when the framing is broken. */
export function parseMultipart(body: Buffer, boundary: string): Multipart | null {
	const delimiter = Buffer.from(`--${boundary}`);
	const nextDelimiter = Buffer.from(`\r\n--${boundary}`);
	const result: Multipart = { fields: {}, files: [] };

	let pos = body.indexOf(delimiter);
	if (pos < 0) return null;
	pos += delimiter.length;
	for (;;) {
		// After a delimiter: `--` closes the body, CRLF starts a part.
		if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return result;
		if (body[pos] !== 0x0d || body[pos + 1] !== 0x0a) return null;
		pos += 2;
		const headerEnd = body.indexOf('\r\n\r\n', pos);
		if (headerEnd < 0) return null;
		const headers: Record<string, string> = {};
		for (const line of body.toString('utf8', pos, headerEnd).split('\r\n')) {
			const colon = line.indexOf(':');
			if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
		}
		const dataStart = headerEnd + 4;
		const end = body.indexOf(nextDelimiter, dataStart);
		if (end < 0) return null;
		const data = body.subarray(dataStart, end);
		pos = end + nextDelimiter.length;

		const disposition = headers['content-disposition'] ?? '';
		const field = dispositionParam(disposition, 'name');
		if (field === null) continue;
		const filename = dispositionParam(disposition, 'filename');
		const partType = headers['content-type'];
		// A part with a non-text content type is a file even without a filename (form-data does that for Buffers).
		if (filename !== null || (partType !== undefined && !/^text\/plain/i.test(partType))) {
			result.files.push({
				field,
				filename: filename ?? '',
				contentType: headers['content-type'] ?? 'application/octet-stream',
				data: Buffer.from(data),
			});
		} else {
			result.fields[field] = data.toString('utf8');
		}
	}
}
