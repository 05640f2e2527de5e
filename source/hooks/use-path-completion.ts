// Tab in a path field: the typed path completed like a shell's, relative paths taken from
// `folder`. (Screens may not read the file system; this hook does it for them.)
import {useCallback} from 'react';
import {completePath, type Completion} from '../image/path-completion.js';

export function usePathCompletion(folder: string): (typed: string) => Completion {
	return useCallback((typed: string) => completePath(typed, folder), [folder]);
}
