import type { SVGProps } from 'react';

/** Major events: a stadium seen from above. */
export function IconStadium({ size = 18, ...rest }: SVGProps<SVGSVGElement> & { size?: number }) {
  return (
    <svg xmlns="http://www.w3.org/2000/svg" width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.75} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false" {...rest}>
      <path d="M12 12m-9 0a9 6 0 1 0 18 0a9 6 0 1 0 -18 0" />
      <path d="M12 12m-5 0a5 3 0 1 0 10 0a5 3 0 1 0 -10 0" />
      <path d="M12 9v6" />
    </svg>
  );
}
