// The user's config folder, for the parts that remember settings (the default model) and
// recent files: neutral, so image/ and model/ need not import each other for it.
import os from 'node:os';
import path from 'node:path';

/** $XDG_CONFIG_HOME/digits, else ~/.config/digits. */
export function configDir(): string {
	return path.join(process.env['XDG_CONFIG_HOME'] || path.join(os.homedir(), '.config'), 'digits');
}
