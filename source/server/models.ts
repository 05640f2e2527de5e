// The models a server answers with: any installed model by name, loaded on first use (timed
// for /metrics), its description and its test-set evaluation kept once asked for.
import {findModel, modelSummaries} from '../model/store.js';
import {ServiceStoppedError, type ModelService} from '../model/service.js';
import type {Evaluation, ModelDescription} from '../model/types.js';
import {RequestError} from './request-error.js';

export type EvaluationSummary = Pick<Evaluation, 'backend' | 'model' | 'accuracy' | 'confusionMatrix' | 'report'>;

export class ModelCatalog {
	private readonly loads = new Map<string, Promise<ModelDescription>>();
	private readonly evaluations = new Map<string, Promise<EvaluationSummary>>();

	constructor(
		private readonly service: ModelService,
		readonly defaultModel: string,
		private readonly onLoaded: (model: string, seconds: number) => void,
	) {}

	/** The name asked for (else the default), or a 404 when no model has it. A loaded model is not looked for on disk again (a file check per request). */
	resolve(name: string | undefined): string {
		const wanted = name ?? this.defaultModel;
		if (!this.loads.has(wanted) && !findModel(wanted)) throw new RequestError(404, `There is no model named "${wanted}"; GET /api/models lists the installed ones.`);
		return wanted;
	}

	/** Loads the model once (again after the prediction child stopped) and describes it. */
	load(name: string): Promise<ModelDescription> {
		let loading = this.loads.get(name);
		if (!loading) {
			const started = performance.now();
			loading = this.service.load(name).then(description => {
				this.onLoaded(name, (performance.now() - started) / 1000);
				return description;
			});
			this.loads.set(name, loading);
			// A failed load is tried again by the next request.
			loading.catch(() => this.loads.delete(name));
		}
		return loading;
	}

	/** The prediction child stopped: every model loads again on its next use. */
	forget(): void {
		this.loads.clear();
	}

	/** `digits eval --json`'s object for the model, computed on the test set once. */
	evaluation(name: string): Promise<EvaluationSummary> {
		let evaluating = this.evaluations.get(name);
		if (!evaluating) {
			evaluating = this.service.evaluate(name).then(({backend, model, accuracy, confusionMatrix, report}) => ({backend, model, accuracy, confusionMatrix, report}));
			this.evaluations.set(name, evaluating);
			evaluating.catch(() => this.evaluations.delete(name));
		}
		return evaluating;
	}

	/** `digits models --json`'s list without the folders, the server's default marked. */
	list(): {defaultModel: string; models: Array<Omit<ReturnType<typeof modelSummaries>[number], 'path'>>} {
		const models = modelSummaries().map(({path: _path, ...summary}) => ({...summary, isDefault: summary.name === this.defaultModel}));
		return {defaultModel: this.defaultModel, models};
	}
}

export const stopped = (error: unknown): boolean => error instanceof ServiceStoppedError;
