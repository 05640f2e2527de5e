import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {classificationReport} from '../source/model/metrics.js';
import {classificationReportText, confusionMatrixText} from '../source/render/classification-report.js';

// 227 images; 3 is predicted 32 times but right 5 times (precision 5/32, an exact rounding tie),
// 8 is never predicted and 9 is never the true label.
const matrix = [
	[50, 0, 0, 0, 0, 0, 0, 0, 0, 0],
	[0, 40, 1, 0, 0, 0, 0, 0, 0, 0],
	[0, 2, 30, 0, 0, 0, 0, 0, 0, 0],
	[0, 0, 0, 5, 0, 0, 0, 0, 0, 0],
	[1, 0, 0, 0, 20, 0, 0, 0, 0, 0],
	[0, 0, 0, 10, 0, 12, 0, 0, 0, 0],
	[0, 0, 0, 0, 0, 0, 9, 0, 0, 0],
	[0, 0, 0, 0, 3, 0, 0, 25, 0, 2],
	[0, 0, 0, 17, 0, 0, 0, 0, 0, 0],
	[0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
];

describe('confusionMatrixText', () => {
	test('brackets the correct counts and aligns the columns', () => {
		assert.equal(
			confusionMatrixText(matrix),
			[
				'rows: true label, columns: predicted, [n]: correct',
				'     0   1   2   3   4   5   6   7   8   9',
				' 0 [50]  0   0   0   0   0   0   0   0   0',
				' 1   0 [40]  1   0   0   0   0   0   0   0',
				' 2   0   2 [30]  0   0   0   0   0   0   0',
				' 3   0   0   0  [5]  0   0   0   0   0   0',
				' 4   1   0   0   0 [20]  0   0   0   0   0',
				' 5   0   0   0  10   0 [12]  0   0   0   0',
				' 6   0   0   0   0   0   0  [9]  0   0   0',
				' 7   0   0   0   0   3   0   0 [25]  0   2',
				' 8   0   0   0  17   0   0   0   0  [0]  0',
				' 9   0   0   0   0   0   0   0   0   0  [0]',
			].join('\n'),
		);
	});

	test('takes the column width from the largest count and fits 80 columns', () => {
		const fiveDigitDiagonal = matrix.map((row, label) => row.map((_, predicted) => (label === predicted ? 10_000 : 7)));
		const lines = confusionMatrixText(fiveDigitDiagonal).split('\n');
		assert.equal(lines[1], '        0      1      2      3      4      5      6      7      8      9');
		assert.equal(lines[2], ' 0 [10000]     7      7      7      7      7      7      7      7      7');
		assert.equal(lines[3], ' 1      7 [10000]     7      7      7      7      7      7      7      7');
		assert.ok(lines.every(line => line.length <= 80));
	});
});

describe('classificationReportText', () => {
	test("matches scikit-learn's classification_report(digits=4) exactly", () => {
		// Printed by scikit-learn 1.2 for the same 227 images, labels 0–9, zero_division=0.
		const expected = [
			'              precision    recall  f1-score   support',
			'',
			'           0     0.9804    1.0000    0.9901        50',
			'           1     0.9524    0.9756    0.9639        41',
			'           2     0.9677    0.9375    0.9524        32',
			'           3     0.1562    1.0000    0.2703         5',
			'           4     0.8696    0.9524    0.9091        21',
			'           5     1.0000    0.5455    0.7059        22',
			'           6     1.0000    1.0000    1.0000         9',
			'           7     1.0000    0.8333    0.9091        30',
			'           8     0.0000    0.0000    0.0000        17',
			'           9     0.0000    0.0000    0.0000         0',
			'',
			'    accuracy                         0.8414       227',
			'   macro avg     0.6926    0.7244    0.6701       227',
			'weighted avg     0.8770    0.8414    0.8447       227',
		].join('\n');
		assert.equal(classificationReportText(classificationReport(matrix), 191 / 227), expected);
	});

	test('rounds exact ties to even, as Python does', () => {
		const accuracyLine = (accuracy: number) =>
			classificationReportText(classificationReport(matrix), accuracy).split('\n')[13];
		assert.equal(accuracyLine(1 / 32), '    accuracy                         0.0312       227');
		assert.equal(accuracyLine(3 / 32), '    accuracy                         0.0938       227');
		assert.equal(accuracyLine(0.5), '    accuracy                         0.5000       227');
	});
});
