import '../../src/messages.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import './styles.css';
// The captcha widget's own stylesheet, after ours as the widget's injected <style> used to be
// (the Content-Security-Policy refuses inline styles, so it is bundled instead).
import 'altcha/altcha.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
