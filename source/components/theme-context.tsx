// The theme reaches every view through a context; views ask it for a tone's color.
import {createContext, useContext, type ReactNode} from 'react';
import {createTheme, type Theme} from '../theme.js';

const ThemeContext = createContext<Theme>(createTheme(0));

export function ThemeProvider({theme, children}: {theme: Theme; children: ReactNode}) {
	return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}

export function useTheme(): Theme {
	return useContext(ThemeContext);
}
