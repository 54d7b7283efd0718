import { createTheme, DEFAULT_THEME, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

/**
 * Mantine's palettes with their two darkest shades darkened where white text on them, or their
 * text on their own light tint, falls short of WCAG AA's 4.5:1 (the filled badges, the sync
 * bar, light status badges). axe-core checks every screen (test/e2e/a11y.spec.ts).
 */
function darkened(name: 'green' | 'lime' | 'teal' | 'cyan' | 'orange' | 'yellow', shade8: string, shade9: string): MantineColorsTuple {
  const base = DEFAULT_THEME.colors[name];
  if (base === undefined) throw new Error(`Mantine has no ${name} palette`);
  return [base[0], base[1], base[2], base[3], base[4], base[5], base[6], base[7], shade8, shade9];
}

/** Dimmed text at gray 7 (8:1 on white) instead of gray 6 (3.3:1). */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: {},
});

/**
 * Pack station: big type, high contrast, touch-sized targets (DESIGN.md). Packers read the
 * screen from arm's length in a bright warehouse, often with gloves on.
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  fontFamily: 'system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontSizes: { xs: '15px', sm: '17px', md: '19px', lg: '22px', xl: '26px' },
  headings: { fontWeight: '800', sizes: { h1: { fontSize: '36px' }, h2: { fontSize: '28px' }, h3: { fontSize: '23px' } } },
  defaultRadius: 'md',
  black: '#0b0b0b',
  colors: {
    green: darkened('green', '#237032', '#1b5e20'),
    lime: darkened('lime', '#4d7c0f', '#3f6212'),
    teal: darkened('teal', '#0f766e', '#115e59'),
    cyan: darkened('cyan', '#0e7490', '#155e75'),
    orange: darkened('orange', '#c2410c', '#9a3412'),
    yellow: darkened('yellow', '#a16207', '#854d0e'),
  },
  components: {
    Button: { defaultProps: { size: 'lg' } },
    TextInput: { defaultProps: { size: 'lg' } },
    PasswordInput: { defaultProps: { size: 'lg' } },
    Select: { defaultProps: { size: 'lg' } },
    NumberInput: { defaultProps: { size: 'lg' } },
    SegmentedControl: { defaultProps: { size: 'lg' } },
    Switch: { defaultProps: { size: 'lg' } },
  },
});
