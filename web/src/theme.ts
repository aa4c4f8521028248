import { createTheme, type MantineColorsTuple } from '@mantine/core';

// A calm navy, the main accent; dense sizes for people who work in the app all day.
const navy: MantineColorsTuple = ['#eef3f9', '#dbe4ef', '#b3c7df', '#88a8cf', '#648ec1', '#4d7db9', '#3f71b1', '#305f9b', '#27538a', '#1f3a5f'];

export const theme = createTheme({
  primaryColor: 'navy',
  primaryShade: 7,
  colors: { navy },
  defaultRadius: 'sm',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "DejaVu Sans", sans-serif',
  headings: { fontWeight: '650', sizes: { h1: { fontSize: '1.45rem', lineHeight: '1.3' }, h2: { fontSize: '1.15rem', lineHeight: '1.35' }, h3: { fontSize: '1rem', lineHeight: '1.4' } } },
  fontSizes: { xs: '0.75rem', sm: '0.8125rem', md: '0.875rem', lg: '1rem', xl: '1.125rem' },
  components: {
    Button: { defaultProps: { size: 'sm' } },
    TextInput: { defaultProps: { size: 'sm' } },
    PasswordInput: { defaultProps: { size: 'sm' } },
    // Badges carry names (desks, roles) that must keep their own case.
    Badge: { defaultProps: { tt: 'none' }, styles: { root: { flexShrink: 0 }, label: { overflow: 'visible' } } },
    Table: { defaultProps: { verticalSpacing: 6, horizontalSpacing: 'sm', fz: 'sm' } },
  },
});
