// Errors meant for the user: the message is one sentence (what, which file, what to do),
// and the exit code is the one the command ends with (1 runtime failure, 2 usage error).

/** The exit code of a command ended by a signal, as shells report it: 128 + the signal's number. */
export const signalExitCodes = {SIGHUP: 129, SIGINT: 130, SIGTERM: 143} as const;

export type ExitSignal = keyof typeof signalExitCodes;

export class UserError extends Error {
	constructor(
		message: string,
		readonly exitCode: 1 | 2 = 1,
	) {
		super(message);
		this.name = new.target.name;
	}
}
