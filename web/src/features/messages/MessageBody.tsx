import { Text, Typography } from '@mantine/core';
import Markdown, { defaultUrlTransform, type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

// Raw HTML in a message is never rendered (react-markdown shows it as text unless a raw-HTML plugin is added, and none
// is). Images are not loaded: a partner's message must not make the reader's browser fetch anything (a tracking pixel
// would tell the sender who read it and when); their description shows instead.
const components: Components = {
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </a>
  ),
  img: ({ alt }) => <span>{alt ? `[${alt}]` : ''}</span>,
};

/** Links only to the web and mail: no javascript:, data: or other schemes (defaultUrlTransform already drops them). */
function urlTransform(url: string): string {
  const safe = defaultUrlTransform(url);
  return /^(https?:|mailto:|#)/i.test(safe) ? safe : '';
}

/** A message body: Markdown rendered safely, or plain text as written. Text direction follows each paragraph. */
export function MessageBody({ body, format }: { body: string; format: 'plain' | 'markdown' }) {
  if (format === 'plain') {
    return (
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', unicodeBidi: 'plaintext' }} dir="auto">
        {body}
      </Text>
    );
  }
  return (
    <Typography className="message-body" dir="auto" style={{ fontSize: 'var(--mantine-font-size-sm)', unicodeBidi: 'plaintext', overflowWrap: 'anywhere' }}>
      <Markdown remarkPlugins={[remarkGfm]} components={components} urlTransform={urlTransform} skipHtml>
        {body}
      </Markdown>
    </Typography>
  );
}
