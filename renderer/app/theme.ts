import { createTheme } from '@mantine/core';

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
