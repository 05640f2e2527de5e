// Errors meant for the user: the message is one sentence (what, which file, what to do),
// and the exit code is the one the command ends with (1 runtime failure, 2 usage error).
export class UserError extends Error {
	constructor(
		message: string,
		readonly exitCode: 1 | 2 = 1,
	) {
		super(message);
		this.name = new.target.name;
	}
}
