// The app's version, from package.json (bundled into the Electron build, so no path lookup at runtime).
import pkg from '../../package.json' with { type: 'json' };

export const appVersion: string = pkg.version;
