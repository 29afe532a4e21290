import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { connect } from './api/connect.ts';
import { App } from './app/App.tsx';
import { createServices, ServicesProvider } from './app/services.tsx';
import './styles/theme.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/forms.css';
import './styles/audit.css';
import './styles/gateway.css';
import './styles/settings.css';
import './styles/changesets.css';

// The page's CSP has no 'unsafe-eval': keep zod from probing for `new Function`.
z.config({ jitless: true });

const connected = connect();
const services = createServices(connected);
window.addEventListener('pagehide', () => {
  services.dispose();
  connected.close();
});

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <ServicesProvider services={services}>
        <App />
      </ServicesProvider>
    </StrictMode>,
  );
