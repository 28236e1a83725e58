import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { startServiceWorker } from './lib/pwa.svelte';
import { loadSession } from './lib/session.svelte';

// Ask who is signed in while the shell renders.
void loadSession();

const target = document.getElementById('app');
if (!target) throw new Error('RJ Hub: #app is missing from index.html');
mount(App, { target });

startServiceWorker();
