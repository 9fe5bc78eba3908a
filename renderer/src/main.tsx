import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { pageRefusals } from './connection/fetch-failure.js';
import { takeLanding } from './landing/landing.js';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('authlab: #root is missing from index.html');
// before React: the URL is read (and cleaned) exactly once, whatever StrictMode replays
// listening from the start: a refusal is only reported as an event, never to fetch itself
pageRefusals();
const landing = takeLanding(window.location, window.history, window.sessionStorage);
createRoot(root).render(
  <StrictMode>
    <App landing={landing} />
  </StrictMode>,
);
