// Monaco's workers (the editors' language services), bundled by Vite as files of this origin
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './explorer.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ExplorerPage } from './ExplorerPage';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ExplorerPage />
  </StrictMode>,
);
