// The renderer's entry: pick the transport once, provide it, mount the workspace.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApi } from './api/index.ts';
import { ApiProvider } from './api/ApiContext.tsx';
import { App } from './app/App.tsx';
import './styles/theme.css';
import './styles/layout.css';
import './styles/components.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ApiProvider api={createApi()}>
        <App />
      </ApiProvider>
    </StrictMode>,
  );
}
