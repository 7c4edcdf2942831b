// Owns how an untrusted name (a zip member name, a file name) is turned into a display label:
// the name is never used as a path, only shown, so it is kept as is except for characters that
// could forge or hide text in a terminal or the UI (control characters, bidi overrides).

// C0 and C1 controls, DEL, and the Unicode bidirectional overrides/isolates (which can make
// `evil.json\u202Enosj.exe` display as something else).
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function escapeLabel(name: string): string {
  return name.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}
