import { GraphiQL } from 'graphiql';
import { useEffect, useMemo, useState } from 'react';
import { stored, TOKEN_KEY } from '../features/auth/stored-token';
import { explorerFetcher } from './fetcher';
import { texts, type TextKey } from './texts';

/** The query the editor opens with when neither the link nor an earlier visit gives one. */
const FIRST_QUERY = `# Trình khám phá API Chấm điểm — Chamdiem API explorer
# Ctrl+Enter: chạy truy vấn / run the query. Tài liệu / Docs: nút sách bên trái / the book button on the left.

{
  me {
    name
    email
    role
  }
}
`;

/** A query given in the link (`/graphiql?query=…`), which replaces the editor's. */
function linkedQuery(): string | undefined {
  return new URLSearchParams(location.search).get('query') ?? undefined;
}

/** Vietnamese first, English after it. */
function Both({ k }: { k: TextKey }) {
  return (
    <>
      <span lang="vi">{texts.vi[k]}</span> <span lang="en" className="explorer-en">{texts.en[k]}</span>
    </>
  );
}

/**
 * GraphiQL on the same origin. Signed in to the web client in this browser: requests carry that
 * sign-in (credentials.ts); otherwise a hint says how to sign in or give a token in the headers
 * editor, and queries are answered as for anyone without credentials (UNAUTHENTICATED).
 */
export function ExplorerPage() {
  const fetcher = useMemo(explorerFetcher, []);
  const initialQuery = useMemo(linkedQuery, []);
  const [signedIn, setSignedIn] = useState(() => stored().token !== null);
  useEffect(() => {
    // a sign-in or sign-out in another tab
    const onStorage = (e: StorageEvent) => {
      if (e.key === TOKEN_KEY || e.key === null) setSignedIn(stored().token !== null);
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  return (
    <div className="explorer">
      <header className="explorer-bar" data-testid="explorer-credentials">
        {signedIn ? (
          <p>
            <Both k="signedIn" />
          </p>
        ) : (
          <p role="note">
            <Both k="anonymous" /> <code>{'{ "Authorization": "Bearer cdk_…" }'}</code>
            {' · '}
            <a href="/">
              {texts.vi.signIn} / {texts.en.signIn}
            </a>
          </p>
        )}
      </header>
      <div className="explorer-ide">
        <GraphiQL fetcher={fetcher} defaultQuery={FIRST_QUERY} initialQuery={initialQuery} defaultEditorToolsVisibility="headers" />
      </div>
    </div>
  );
}
